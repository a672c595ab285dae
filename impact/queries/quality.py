"""Queries behind the Quality page: the ladder of participation, who takes part, the audit and "you said, we did".

Filters: `workstream` (a code, several codes as a tuple, or None for all), `first` and `last` quarter labels
(inclusive); the audit is by service and year, so it takes an audit year instead.
"""

import datetime as dt

import duckdb
import pandas as pd

from impact.domain.disclosure import can_show_percent
from impact.domain.periods import shift_quarter
from impact.domain.stats import Proportion, change_is_significant
from impact.queries.common import as_duckdb_gives

Connection = duckdb.DuckDBPyConnection

WAITING, NOT_FED_BACK, FED_BACK = "Waiting for a response", "Responded, not yet fed back", "Responded and fed back"
STATUS = "case when response is null then $waiting when fed_back then $fed_back else $not_fed_back end"
STATUS_NAMES = {"waiting": WAITING, "fed_back": FED_BACK, "not_fed_back": NOT_FED_BACK}


def _filters(workstream, first: str, last: str) -> dict:
    # One workstream code, several (a tuple) or None for all: bound as a list, empty for all.
    chosen = [workstream] if isinstance(workstream, str) else list(workstream or [])
    return {"ws": chosen, "first": first, "last": last}


def quality_quarters(con: Connection) -> list[str]:
    """Return every quarter from the first to the last with an activity or a theme raised, oldest first."""
    first, last = con.execute(
        "select min(quarter), max(quarter) from "
        "(select quarter from activities union all select quarter_raised from feedback_loop)"
    ).fetchone()
    if first is None:
        return []
    quarters = [first]
    while quarters[-1] < last:
        quarters.append(shift_quarter(quarters[-1], 1))
    return quarters


def activity_workstreams(con: Connection) -> list[str]:
    """Return the workstreams that have activities or feedback themes."""
    rows = con.execute(
        "select workstream from activities union select workstream from feedback_loop "
        "where workstream is not null order by 1"
    ).fetchall()
    return [row[0] for row in rows]


def activities_by_level(con: Connection, workstream: str | None, first: str, last: str) -> pd.DataFrame:
    """Return activities per quarter and ladder level, with the level's rung and band (doing to/for/with)."""
    return con.execute(
        """select quarter, band, ladder_level, ladder_rank, count(*) as activities
        from activity_levels
        where quarter between $first and $last and (len($ws) = 0 or list_contains($ws, workstream))
        group by all order by quarter, ladder_rank""",
        _filters(workstream, first, last),
    ).df()


def doing_with_by_workstream(con: Connection, workstream: str | None, first: str, last: str) -> pd.DataFrame:
    """Return per workstream its activities and how many were co-design or co-production ("doing with")."""
    return con.execute(
        """select workstream, count(*) as activities,
            count(*) filter (where band = 'Doing with') as doing_with
        from activity_levels
        where quarter between $first and $last and (len($ws) = 0 or list_contains($ws, workstream))
        group by workstream order by workstream""",
        _filters(workstream, first, last),
    ).df()


def attendance_by_group(con: Connection, workstream: str | None, first: str, last: str) -> pd.DataFrame:
    """Return attendances (published, perturbed by the cell-key method) by respondent type, age band, kind of activity
    and band of the ladder."""
    return con.execute(
        """select t.respondent_type, t.age_band, a.kind, a.band,
            published_sum(t.attendees, t.record_key)::integer as attendances,
            count(distinct a.activity_id) as activities
        from activity_attendance t join activity_levels a using (activity_id)
        where a.quarter between $first and $last and (len($ws) = 0 or list_contains($ws, a.workstream))
        group by all order by all""",
        _filters(workstream, first, last),
    ).df()


def accessibility(con: Connection, workstream: str | None, first: str, last: str) -> pd.DataFrame:
    """Return, for easy read, venue and timing, how many activities were accessible, not, or not recorded."""
    return con.execute(
        """with chosen as (
            select * from activities
            where quarter between $first and $last and (len($ws) = 0 or list_contains($ws, workstream))
        ),
        long as (
            select 1 as rank, 'Easy read' as aspect, easy_read as accessible from chosen
            union all select 2, 'Accessible venue', accessible_venue from chosen
            union all select 3, 'Time that suits people', accessible_time from chosen
        )
        select aspect, count(*) filter (where accessible) as yes, count(*) filter (where not accessible) as no,
            count(*) filter (where accessible is null) as not_recorded, count(*) as activities
        from long group by rank, aspect order by rank""",
        _filters(workstream, first, last),
    ).df()


def activity_outcomes(con: Connection, workstream: str | None, first: str, last: str) -> pd.DataFrame:
    """Return each activity with its ladder level and what changed as a result (null when nothing recorded)."""
    return con.execute(
        """select activity_date, title, kind, ladder_level, band, workstream, what_changed
        from activity_levels
        where quarter between $first and $last and (len($ws) = 0 or list_contains($ws, workstream))
        order by activity_date desc, activity_id""",
        _filters(workstream, first, last),
    ).df()


def audit_years(con: Connection) -> list[str]:
    """Return the audit years with any ratings, oldest first."""
    return [row[0] for row in con.execute("select distinct audit_year from audit_ratings order by 1").fetchall()]


def audit_grid(con: Connection, year: str) -> pd.DataFrame:
    """Return each service's rating of each priority in a year, beside its rating the year before."""
    return con.execute(
        """with previous as (
            select max(audit_year) as year from audit_ratings where audit_year < $year
        )
        select r.service, r.priority_code, r.priority_label, r.priority, r.rating,
            p.rating as last_year_rating, r.required_actions, r.next_steps
        from audit_latest r
        left join audit_latest p on p.service = r.service and p.priority = r.priority
            and p.audit_year = (select year from previous)
        where r.audit_year = $year
        order by r.priority_code nulls last, r.priority, r.service""",
        {"year": year},
    ).df()


def audit_by_service(con: Connection, year: str) -> pd.DataFrame:
    """Return per service the priorities embedded out of those that apply, this year and the year before."""
    return con.execute(
        """with previous as (select max(audit_year) as year from audit_ratings where audit_year < $year),
        counts as (
            select audit_year, service,
                count(*) filter (where rating = 'Embedded') as embedded,
                count(*) filter (where rating = 'In progress') as in_progress,
                count(*) filter (where rating = 'Not started') as not_started,
                count(*) filter (where rating <> 'Not applicable') as applicable
            from audit_latest group by all
        )
        select c.service, c.embedded, c.in_progress, c.not_started, c.applicable,
            p.embedded as embedded_last_year, p.applicable as applicable_last_year
        from counts c left join counts p on p.service = c.service and p.audit_year = (select year from previous)
        where c.audit_year = $year
        order by c.embedded / c.applicable, c.service""",
        {"year": year},
    ).df()


def audit_not_returned(con: Connection, year: str) -> pd.DataFrame:
    """Return services that returned an audit in an earlier year but not this one, with their last year."""
    return con.execute(
        """select service, max(audit_year) as last_returned
        from audit_ratings
        group by service
        having max(audit_year) < $year
        order by service""",
        {"year": year},
    ).df()


def feedback_entries(con: Connection, workstream: str | None, first: str, last: str, as_of: dt.date) -> pd.DataFrame:
    """Return the "you said, we did" themes raised in the period with their status and days taken or waiting."""
    return con.execute(
        f"""select entry_id, theme, source, coalesce(raised_by, 'Everyone') as raised_by, date_raised,
            quarter_raised, response, date_responded, fed_back, action_code, workstream, indicator,
            days_to_respond,
            case when response is null then $as_of - date_raised end as days_waiting,
            {STATUS} as status
        from feedback_loop
        where quarter_raised between $first and $last and (len($ws) = 0 or list_contains($ws, workstream))
        order by response is not null, date_raised, entry_id""",
        _filters(workstream, first, last) | STATUS_NAMES | {"as_of": as_of},
    ).df()


def feedback_overview(con: Connection, workstream: str | None, first: str, last: str, as_of: dt.date) -> dict:
    """Return "entries" (feedback_entries), "totals" (feedback_totals) and "by_quarter" (feedback_by_quarter) from one
    query: the totals and the themes per quarter and status are counted from the entries, as their SQL counts them."""
    entries = feedback_entries(con, workstream, first, last, as_of)
    days = entries["days_to_respond"].dropna()
    raised, responded = len(entries), int(entries["response"].notna().sum())
    totals = {
        "raised": raised,
        "responded": responded,
        "fed_back": int((entries["fed_back"].eq(True) & entries["response"].notna()).sum()),
        "waiting": raised - responded,
        "median_days": float(days.median()) if len(days) else None,
    }
    counted = entries.groupby(["quarter_raised", "status"], sort=True).size().rename("themes").reset_index()
    by_quarter = as_duckdb_gives(counted[["quarter_raised", "status", "themes"]])
    return {"entries": entries, "totals": totals, "by_quarter": by_quarter}


def feedback_totals(con: Connection, workstream: str | None, first: str, last: str) -> dict:
    """Return themes raised, responded to, fed back and waiting, and the median days to respond."""
    raised, responded, fed_back, median_days = con.execute(
        """select count(*), count(response), count(*) filter (where fed_back and response is not null),
            median(days_to_respond)
        from feedback_loop
        where quarter_raised between $first and $last and (len($ws) = 0 or list_contains($ws, workstream))""",
        _filters(workstream, first, last),
    ).fetchone()
    return {
        "raised": raised,
        "responded": responded,
        "fed_back": fed_back,
        "waiting": raised - responded,
        "median_days": median_days,
    }


def feedback_totals_by_window(con: Connection, workstream: str | None, windows: list[tuple[str, str]]) -> list[dict]:
    """Return feedback_totals for each (first, last) window of quarters, in order: one statement for them all."""
    rows = con.execute(
        """with windows as (select unnest($firsts::varchar[]) as first, unnest($lasts::varchar[]) as last,
                                   generate_subscripts($firsts::varchar[], 1) as i)
        select w.i, count(*), count(f.response), count(*) filter (where f.fed_back and f.response is not null),
            median(f.days_to_respond)
        from windows w join feedback_loop f on f.quarter_raised between w.first and w.last
        where len($ws) = 0 or list_contains($ws, f.workstream)
        group by w.i""",
        {
            "ws": _filters(workstream, "", "")["ws"],
            "firsts": [first for first, _ in windows],
            "lasts": [last for _, last in windows],
        },
    ).fetchall()
    # A window with no theme raised counts none (as feedback_totals gives it).
    by_window = {i: row for i, *row in rows}
    totals = []
    for i in range(1, len(windows) + 1):
        raised, responded, fed_back, median_days = by_window.get(i, (0, 0, 0, None))
        totals.append({
            "raised": raised,
            "responded": responded,
            "fed_back": fed_back,
            "waiting": raised - responded,
            "median_days": median_days,
        })  # fmt: skip
    return totals


def feedback_by_quarter(con: Connection, workstream: str | None, first: str, last: str) -> pd.DataFrame:
    """Return themes per quarter raised, by status (waiting, responded, fed back)."""
    return con.execute(
        f"""select quarter_raised, {STATUS} as status, count(*) as themes
        from feedback_loop
        where quarter_raised between $first and $last and (len($ws) = 0 or list_contains($ws, workstream))
        group by all order by all""",
        _filters(workstream, first, last) | STATUS_NAMES,
    ).df()


INDICATOR_MOVES = """
with entries as (
    select entry_id, theme, indicator, raised_by, source, date_raised, date_responded
    from feedback_loop
    where indicator is not null and quarter_raised between $first and $last
      and (len($ws) = 0 or list_contains($ws, workstream))
),
-- The survey the theme came from, if it asks about the indicator; otherwise every survey that does.
asked as (select distinct survey, indicator from questions where indicator is not null),
measured as (
    select e.entry_id, q.survey
    from entries e join asked q on q.indicator = e.indicator
    qualify q.survey = e.source or count(*) filter (where q.survey = e.source) over (partition by e.entry_id) = 0
),
-- when each survey wave began: its first response's date, from the responses counted per day (migration 085)
waves as (select survey, wave, min(day) as began from response_day_cells group by all),
picked as (
    select e.entry_id,
        max(w.wave) filter (where w.began <= e.date_raised) as before_wave,
        min(w.wave) filter (where w.began > e.date_responded) as after_wave
    from entries e left join measured m using (entry_id) left join waves w using (survey)
    group by e.entry_id
),
-- Answers are counted at load time (answer_cells, migration 080), added up per survey, indicator, respondent type and
-- wave, then the cells each theme needs are added up: the same counts and key sums as counting the answers per theme.
cells as materialized (
    select c.survey, q.indicator, c.respondent_type, c.wave,
        sum(c.positive) as positive_n, sum(c.positive_keys) as positive_keys,
        sum(c.answered) as base_n, sum(c.answered_keys) as base_keys
    from answer_cells c join questions q on q.survey = c.survey and q.question_id = c.question_id
    where q.indicator in (select indicator from entries)
    group by all
),
counts as materialized (
    select m.entry_id, c.wave,
        least(published_total(c.positive_n, c.positive_keys), published_total(c.base_n, c.base_keys)) as positive,
        published_total(c.base_n, c.base_keys) as base
    from measured m join entries e using (entry_id)
    join cells c on c.survey = m.survey and c.indicator = e.indicator
        and (e.raised_by is null or c.respondent_type = e.raised_by)
    group by all
)
select e.entry_id, e.theme, i.label as indicator, coalesce(e.raised_by, 'Everyone') as raised_by, e.date_responded,
    p.before_wave, coalesce(b.positive, 0) as before_positive, coalesce(b.base, 0) as before_base,
    p.after_wave, coalesce(a.positive, 0) as after_positive, coalesce(a.base, 0) as after_base
from entries e join picked p using (entry_id)
left join counts b on b.entry_id = e.entry_id and b.wave = p.before_wave
left join counts a on a.entry_id = e.entry_id and a.wave = p.after_wave
left join indicators i on i.indicator = e.indicator
order by e.date_raised, e.entry_id
"""


def indicator_moves(con: Connection, workstream: str | None, first: str, last: str) -> pd.DataFrame:
    """Return, per theme linked to an indicator, the indicator for the group that raised it in the survey wave
    when it was raised and in the first wave after the response, with the change and whether it is significant."""
    frame = con.execute(INDICATOR_MOVES, _filters(workstream, first, last)).df()
    frame["change_points"] = [_change(row) for row in frame.itertuples()]
    frame["verdict"] = [_verdict(row) for row in frame.itertuples()]
    return frame


def _change(row) -> float | None:
    if not (can_show_percent(row.before_base) and can_show_percent(row.after_base)) or pd.isna(row.after_wave):
        return None
    return 100 * row.after_positive / row.after_base - 100 * row.before_positive / row.before_base


def _verdict(row) -> str:
    if pd.isna(row.date_responded):
        return "Waiting for a response"
    if pd.isna(row.after_wave):
        return "Not measured again yet"
    if not (can_show_percent(row.before_base) and can_show_percent(row.after_base)):
        return "Too few answers to compare"
    before, after = Proportion(row.before_positive, row.before_base), Proportion(row.after_positive, row.after_base)
    if not change_is_significant(before, after):
        return "No significant change"
    return "Rose (significant)" if after.percent > before.percent else "Fell (significant)"


def audit_services(con: Connection) -> list[str]:
    """Return every service that has returned an audit, for the officers' form."""
    return [row[0] for row in con.execute("select distinct service from audit_ratings order by 1").fetchall()]


def action_choices(con: Connection) -> list[tuple[str, str]]:
    """Return (action code, title) of every action, for linking a theme to one."""
    return con.execute("select action_code, title from actions order by action_code").fetchall()


def feedback_theme_choices(con: Connection) -> list[tuple[str, str, bool]]:
    """Return (reference, theme, has a response) of every theme, those still waiting first."""
    return con.execute(
        "select entry_id, theme, response is not null from feedback_loop order by response is not null, entry_id"
    ).fetchall()
