"""Queries behind the Impact page: indicators over time and by group, and Local Offer feedback.

Every function takes the shared Filters and binds them as parameters of the filtered_* table macros
(migration 005); nothing the user chose is ever written into SQL text. Every count of people is a published
(perturbed) count from the published_* macros (migration 021), so no difference of two views gives a small number
away; the measures layer applies the small-number rules on top.
"""

import datetime as dt

import duckdb
import pandas as pd

from impact.domain.themes import ALL_COMMENTS, OTHER, theme_patterns
from impact.queries import quality
from impact.queries.common import as_duckdb_gives
from impact.queries.filters import NOT_RECORDED, Filters
from impact.store import cells

Connection = duckdb.DuckDBPyConnection

# Groups an indicator can be split by: the label people read, and the response field behind it.
SPLIT_GROUPS = {
    "respondent_type": "Respondent type",
    "age_band": "Age band",
    "primary_need": "Primary need",
    "support_level": "Support level",
    "locality": "Locality",
}


def indicator_catalogue(con: Connection, filters: Filters) -> pd.DataFrame:
    """Return the indicators with any answer under the filters: indicator, label, statement, base."""
    return con.execute(
        """with cells as (
            -- answers counted at load time (migration 080), added up per indicator
            select c.indicator, published_total(c.answered, c.answered_keys) as base
            from filtered_answer_cells($first, $last, $surveys, $respondent_types, $age_bands,
                                       $primary_needs, $support_levels, $localities, $workstream) c
            group by c.indicator
        )
        select i.indicator, i.label, i.statement, c.base
        from cells c join indicators i using (indicator)
        where c.base > 0
        order by i.label""",
        filters.params(),
    ).df()


def indicator_trend(con: Connection, filters: Filters, indicators: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return positive answers, base and the surveys that asked it per indicator and period (missing and "don't know"
    out of the base)."""

    return _indicator_trend(con, filters, indicators)


def _indicator_trend(con: Connection, filters: Filters, indicators: tuple[str, ...]) -> pd.DataFrame:
    return con.execute(
        """with cells as (
            -- the cells counted at load time (migration 080) added up per survey, then per period: the same
            -- published values as counting the answers per period, and the surveys that asked come for free
            select c.indicator, case when $granularity = 'wave' then c.wave else c.quarter end as period, c.survey,
                   sum(c.positive) as positive_n, sum(c.positive_keys) as positive_keys,
                   sum(c.answered) as base_n, sum(c.answered_keys) as base_keys
            from filtered_answer_cells($first, $last, $surveys, $respondent_types, $age_bands,
                                       $primary_needs, $support_levels, $localities, $workstream) c
            where len($indicators) = 0 or list_contains($indicators, c.indicator)
            group by all
        ),
        periods as (
            select indicator, period, published_total(positive_n, positive_keys) as positive,
                   published_total(base_n, base_keys) as base,
                   -- which surveys asked it: a change or a trend line joins only periods asked by the same ones
                   string_agg(survey, ' + ' order by survey) filter (where base_n > 0) as surveys
            from cells group by indicator, period
        )
        select p.indicator, i.label, p.period, least(p.positive, p.base) as positive, p.base, p.surveys
        from periods p join indicators i using (indicator)
        where p.base > 0
        order by i.label, p.period""",
        {**filters.period_params(), "indicators": list(indicators)},
    ).df()


def indicator_trends(con: Connection, filters: Filters, requests: list[tuple[str, str | None]]) -> list[pd.DataFrame]:
    """Return, for each (indicator, respondent type or None) asked, what indicator_trend returns for that indicator
    under the filters narrowed to that respondent type: several trends (the scorecard's) from one query."""
    if filters.respondent_types:
        raise ValueError("indicator_trends narrows the respondent type itself; give filters without one.")
    frame = con.execute(
        """with requests as (
            select unnest($indicators::varchar[]) as indicator, unnest($groups::varchar[]) as grp,
                   generate_subscripts($indicators::varchar[], 1) as request
        ),
        cells as (
            -- as _indicator_trend adds the cells up, once per request (a type chosen as the respondent type filter
            -- chooses it)
            select r.request, c.indicator, case when $granularity = 'wave' then c.wave else c.quarter end as period,
                   c.survey,
                   sum(c.positive) as positive_n, sum(c.positive_keys) as positive_keys,
                   sum(c.answered) as base_n, sum(c.answered_keys) as base_keys
            from filtered_answer_cells($first, $last, $surveys, $respondent_types, $age_bands,
                                       $primary_needs, $support_levels, $localities, $workstream) c
            join requests r on r.indicator = c.indicator and (r.grp is null or c.respondent_type = r.grp)
            group by all
        ),
        periods as (
            select request, indicator, period, published_total(positive_n, positive_keys) as positive,
                   published_total(base_n, base_keys) as base,
                   string_agg(survey, ' + ' order by survey) filter (where base_n > 0) as surveys
            from cells group by request, indicator, period
        )
        select p.request, p.indicator, i.label, p.period, least(p.positive, p.base) as positive, p.base, p.surveys
        from periods p join indicators i using (indicator)
        where p.base > 0
        order by p.request, i.label, p.period""",
        {
            **filters.period_params(),
            "indicators": [indicator for indicator, _ in requests],
            "groups": [group for _, group in requests],
        },
    ).df()
    return [
        as_duckdb_gives(frame[frame["request"] == number].drop(columns="request"))
        for number in range(1, len(requests) + 1)
    ]


def indicator_by_group(con: Connection, filters: Filters, indicator: str, group: str) -> pd.DataFrame:
    """Return positive answers and base per group for an indicator in the latest period under the filters.

    Rows: period, group, positive, base, and everyone's published all_positive and all_base (the same values the
    trend publishes for that period); the group is "Not recorded" where the field is missing."""
    if group not in SPLIT_GROUPS:
        raise ValueError(f"Cannot split by {group!r}; choose one of {', '.join(SPLIT_GROUPS)}.")
    return _indicator_by_group(con, filters, indicator, group)


def _indicator_by_group(con: Connection, filters: Filters, indicator: str, group: str) -> pd.DataFrame:
    return con.execute(
        """with answers as (
            -- the cells counted at load time (migration 080): answers in the base and positive answers
            select case when $granularity = 'wave' then wave else quarter end as period,
                   case $group when 'respondent_type' then respondent_type when 'age_band' then age_band
                               when 'primary_need' then primary_need when 'support_level' then support_level
                               when 'locality' then locality end as grp,
                   positive, positive_keys, answered, answered_keys
            from filtered_answer_cells($first, $last, $surveys, $respondent_types, $age_bands,
                                       $primary_needs, $support_levels, $localities, $workstream)
            where indicator = $indicator
        ),
        latest as (select max(period) as period from answers),
        everyone as (
            select period,
                   least(published_total(positive, positive_keys), published_total(answered, answered_keys))
                       as all_positive,
                   published_total(answered, answered_keys) as all_base
            from answers join latest using (period) group by period
        )
        select a.period, coalesce(a.grp, $not_recorded) as "group",
               least(published_total(a.positive, a.positive_keys), published_total(a.answered, a.answered_keys))
                   as positive,
               published_total(a.answered, a.answered_keys) as base,
               any_value(e.all_positive) as all_positive, any_value(e.all_base) as all_base
        from answers a join latest using (period) join everyone e using (period)
        group by a.period, "group" having published_total(a.answered, a.answered_keys) > 0 order by "group\"""",
        {**filters.period_params(), "indicator": indicator, "group": group, "not_recorded": NOT_RECORDED},
    ).df()


def local_offer_usefulness(con: Connection, filters: Filters) -> pd.DataFrame:
    """Return Local Offer ratings of 4 or 5 out of 5 (positive) and rated pages (base) per section and period."""
    return _local_offer_usefulness(con, filters)


def _local_offer_usefulness(con: Connection, filters: Filters) -> pd.DataFrame:
    return con.execute(
        """select coalesce(c.section, $not_recorded) as section,
               case when $granularity = 'wave' then c.wave else c.quarter end as period,
               least(published_total(c.useful, c.useful_keys), published_total(c.rated, c.rated_keys)) as positive,
               published_total(c.rated, c.rated_keys) as base
        from filtered_local_offer_cells($first, $last, $surveys, $respondent_types, $age_bands,
                                        $primary_needs, $support_levels, $localities, $workstream) c
        group by all having published_total(c.rated, c.rated_keys) > 0
        order by section, period""",
        {**filters.period_params(), "not_recorded": NOT_RECORDED},
    ).df()


def local_offer_volume(con: Connection, filters: Filters) -> pd.DataFrame:
    """Return Local Offer feedback per period: pieces of feedback, how many left a comment, and whether the year
    has fewer than four quarters of feedback (part_year)."""
    return _local_offer_volume(con, filters)


def _local_offer_volume(con: Connection, filters: Filters) -> pd.DataFrame:
    return con.execute(
        """select case when $granularity = 'wave' then c.wave else c.quarter end as period,
               published_total(c.feedback, c.feedback_keys) as feedback,
               published_total(c.comments, c.comment_keys) as comments,
               $granularity = 'wave' and count(distinct c.quarter) < 4 as part_year
        from filtered_local_offer_cells($first, $last, $surveys, $respondent_types, $age_bands,
                                        $primary_needs, $support_levels, $localities, $workstream) c
        group by all order by period""",
        filters.period_params(),
    ).df()


def local_offer_comments(con: Connection, filters: Filters) -> pd.DataFrame:
    """Return the (already redacted) Local Offer comments with their period (and record key), for theme coding only."""
    return con.execute(
        """select case when $granularity = 'wave' then r.wave else r.quarter end as period, c.answer_text as comment,
               r.record_key
        from filtered_responses($first, $last, $surveys, $respondent_types, $age_bands,
                                $primary_needs, $support_levels, $localities, $workstream) r
        join answers c on c.response_id = r.response_id and c.question_id = 'lo_comment'
        where r.survey = 'local_offer'
        order by period""",
        filters.period_params(),
    ).df()


def recent_changes(con: Connection, filters: Filters, limit: int = 5) -> pd.DataFrame:
    """Return the latest "you said, we did" responses, newest first, with the indicator each should move and
    whether it moved for the group that raised it once measured again.

    Only the workstream and period filters apply (to the theme's workstream and the quarter it was raised): the
    feedback loop's own queries on the Quality page do the work, so both pages agree."""
    narrowed = (filters.workstream, filters.first, filters.last)
    # as_of only dates the wait of themes still waiting, which are left out here.
    entries = quality.feedback_entries(con, *narrowed, dt.date.today())
    latest = (
        entries[entries["response"].notna()]
        .sort_values(["date_responded", "entry_id"], ascending=False)
        .head(limit)
        .rename(columns={"indicator": "indicator_code"})
    )
    moves = quality.indicator_moves(con, *narrowed).drop(columns=["theme", "raised_by", "date_responded"])
    frame = latest.merge(moves, on="entry_id", how="left")
    frame["indicator"] = frame["indicator"].fillna(frame["indicator_code"])
    return frame.drop(columns=["indicator_code", "days_waiting"]).reset_index(drop=True)


def local_offer_theme_counts(con: Connection, filters: Filters, rules: dict[str, list[str]]) -> pd.DataFrame:
    """Return Local Offer comments per theme as published (every theme listed, Other last), plus a last row
    "All comments" with how many comments there are.

    Themes are coded in SQL, one pattern per theme (themes.theme_patterns, the same rule as themes_of), and counted
    by the same published macros as every other count: from the theme cells coded at load time (migration 083) while
    they were coded with these patterns, otherwise from the comments themselves."""
    patterns = theme_patterns(rules)
    names = [theme for theme in rules if theme in patterns]
    # The comments were coded at load time with these very patterns, in this order: add up the cells.
    if cells.is_coded(con, patterns):
        return _theme_counts_from_cells(con, filters, rules, names)
    return _theme_counts_from_rows(con, filters, rules)


def _theme_counts_from_rows(con: Connection, filters: Filters, rules: dict[str, list[str]]) -> pd.DataFrame:
    patterns = theme_patterns(rules)
    names = [theme for theme in rules if theme in patterns]
    # One column per theme: only the number of themes shapes the SQL text; the patterns themselves are bound.
    hits = [f"regexp_matches(text, $theme_{i}) as hit_{i}" for i in range(len(names))]
    counts = [f"published_count_if(record_key, hit_{i})" for i in range(len(names))]
    none = " or ".join(f"hit_{i}" for i in range(len(names))) or "false"
    row = con.execute(
        f"""with comments as (
            select lower(c.answer_text) as text, r.record_key
            from filtered_responses($first, $last, $surveys, $respondent_types, $age_bands,
                                    $primary_needs, $support_levels, $localities, $workstream) r
            join answers c on c.response_id = r.response_id and c.question_id = 'lo_comment'
            where r.survey = 'local_offer'
        ),
        coded as (select {", ".join(["record_key", *hits])} from comments)
        select {", ".join([*counts, f"published_count_if(record_key, not ({none}))", "published_count(record_key)"])}
        from coded""",
        {**filters.params(), **{f"theme_{i}": patterns[name] for i, name in enumerate(names)}},
    ).fetchone()
    published = dict(zip([*names, OTHER, ALL_COMMENTS], row, strict=True))
    every = [*rules, OTHER, ALL_COMMENTS]
    return pd.DataFrame({"theme": every, "comments": [int(published.get(theme) or 0) for theme in every]})


def _theme_counts_from_cells(con: Connection, filters: Filters, rules: dict, names: list[str]) -> pd.DataFrame:
    # Theme i has bit i (impact/store/cells.code_themes numbers the patterns in order); a comment with no theme is
    # Other (bits 0), and every comment counts in All comments.
    def published_where(condition: str) -> str:
        return (
            f"published(coalesce(sum(comments) filter (where {condition}), 0)::bigint, "
            f"coalesce(sum(comment_keys) filter (where {condition}), 0)::bigint)"
        )

    counts = [published_where(f"theme_bits & {1 << bit}::ubigint <> 0") for bit in range(len(names))]
    row = con.execute(
        f"""select {", ".join([*counts, published_where("theme_bits = 0"), "published_cells(comments, comment_keys)"])}
        from filtered_local_offer_theme_cells($first, $last, $surveys, $respondent_types, $age_bands,
                                              $primary_needs, $support_levels, $localities, $workstream)""",
        filters.params(),
    ).fetchone()
    published = dict(zip([*names, OTHER, ALL_COMMENTS], row, strict=True))
    every = [*rules, OTHER, ALL_COMMENTS]
    return pd.DataFrame({"theme": every, "comments": [int(published.get(theme) or 0) for theme in every]})
