"""Queries behind the Home page's headline tiles and chart. Counts of people are published (perturbed) counts from the
published_* macros (migration 021), the same as the Impact and Reach pages publish for the same answers; they add up
the cells counted at load time (migrations 080, 081), which publish exactly what counting the rows did."""

import duckdb
import pandas as pd

from impact import config
from impact.domain.stats import Proportion

Connection = duckdb.DuckDBPyConnection


def responses_in_quarter(con: Connection, quarter: str) -> int:
    """Return the number of survey responses submitted in a quarter, all surveys together."""
    return con.execute(
        "select published_cells(responses, response_keys) from response_cells where quarter = ?", [quarter]
    ).fetchone()[0]


def responses_by_quarter(con: Connection, first: str, last: str) -> pd.DataFrame:
    """Return responses per quarter and survey between two quarters inclusive."""
    return con.execute(
        """select quarter, survey, published_total(responses, response_keys) as responses
        from response_cells where quarter between ? and ?
        group by all order by quarter, survey""",
        [first, last],
    ).df()


def indicator_proportion(con: Connection, indicator: str, first: str, last: str) -> Proportion:
    """Return positive answers and base for an indicator over a range of quarters (non-answers excluded)."""
    positive, base = con.execute(
        """select least(published_cells(c.positive, c.positive_keys), published_cells(c.answered, c.answered_keys)),
               published_cells(c.answered, c.answered_keys)
        from answer_cells c join questions q on q.survey = c.survey and q.question_id = c.question_id
        where q.indicator = ? and c.quarter between ? and ?""",
        [indicator, first, last],
    ).fetchone()
    return Proportion(positive, base)


def young_people_in_target_band(con: Connection, first: str, last: str) -> Proportion:
    """Return young people respondents in the target age band (12-16) and those whose age band is a reporting band.

    Numerator and denominator follow one rule: an age given only as a band counts in both when it is a reporting band
    (such as 12-16), and in neither when it is not (such as 11-15, which may or may not be 12-16)."""
    in_band, known = con.execute(
        """with cells as (
            select age_band, responses, response_keys from response_cells
            where respondent_type = 'Young person' and quarter between $first and $last
        ),
        counted as (
            select published(coalesce(sum(responses) filter (where age_band = $band), 0)::bigint,
                             coalesce(sum(response_keys) filter (where age_band = $band), 0)::bigint) as in_band,
                   published(coalesce(sum(responses) filter (where list_contains($bands, age_band)), 0)::bigint,
                             coalesce(sum(response_keys) filter (where list_contains($bands, age_band)), 0)::bigint)
                       as known
            from cells
        )
        select least(in_band, known), known from counted""",
        {"band": config.TARGET_AGE_BAND, "bands": config.AGE_BANDS, "first": first, "last": last},
    ).fetchone()
    return Proportion(in_band, known)


def actions_on_track(con: Connection, quarter: str) -> Proportion:
    """Return actions rated green or complete in a quarter, out of all actions updated that quarter."""
    on_track, updated = con.execute(
        """select count(*) filter (where rag in ('Green', 'Complete')), count(*)
        from action_status where quarter = ?""",
        [quarter],
    ).fetchone()
    return Proportion(on_track, updated)
