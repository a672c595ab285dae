"""Queries behind the Action plan page: RAG by workstream, what is slipping, timelines, history, inspection areas."""

import re
from dataclasses import dataclass
from functools import cache

import duckdb
import pandas as pd
import yaml

from impact import config
from impact.domain.periods import quarter_end, shift_quarter
from impact.domain.stats import Proportion
from impact.queries.common import as_duckdb_gives

Connection = duckdb.DuckDBPyConnection
RAG_ORDER = ["Red", "Amber", "Green", "Complete"]
NO_UPDATE = "No update"


@dataclass(frozen=True)
class ActionFilters:
    """The page's filters; an empty tuple means no filter on that field."""

    workstreams: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    leads: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuarterCounts:
    """Actions updated in a quarter by rating, with overdue and missing updates."""

    updated: int
    green: int
    amber: int
    red: int
    complete: int
    overdue: int
    overdue_red: int
    no_update: int

    @property
    def on_track(self) -> Proportion:
        """Return actions green or complete out of those updated (the Home page's definition)."""
        return Proportion(self.green + self.complete, self.updated)


# The actions the filters choose; every value is a bound parameter. Lists are typed so an empty one binds.
CHOSEN = """chosen as (
    select * from actions a
    where (len($workstreams::varchar[]) = 0 or list_contains($workstreams::varchar[], a.workstream))
      and (len($groups::varchar[]) = 0 or list_contains($groups::varchar[], a.accountable_group))
      and (len($leads::varchar[]) = 0 or list_contains($leads::varchar[], a.lead_role))
      and (len($plans::varchar[]) = 0 or list_contains($plans::varchar[], a.plan))
      and ($action::varchar is null or a.action_code = $action::varchar)
)"""
# Each chosen action's latest update for the quarter; complete by its RAG or its status.
NOW = """now as (
    select s.*, (s.rag = 'Complete' or s.status = 'Complete') as is_complete
    from action_status s
    where s.quarter = $quarter and s.action_code in (select action_code from chosen)
)"""
# Started by the end of the quarter, not complete when last updated, and no update this quarter.
MISSING = """missing as (
    select c.action_code, c.title, c.workstream, c.due_date,
        e.last_quarter, e.last_rag
    from chosen c
    left join (
        select action_code, max(quarter) as last_quarter, arg_max(rag, quarter) as last_rag,
            arg_max(status, quarter) as last_status
        from action_status where quarter < $quarter group by action_code
    ) e using (action_code)
    where c.start_date <= $quarter_end
      and c.action_code not in (select action_code from now)
      and coalesce(e.last_rag, '') <> 'Complete' and coalesce(e.last_status, '') <> 'Complete'
)"""
# Each action's rating this quarter and when its current run began: at this rating since, and (for red or
# amber) not on track since. A quarter with no update does not break a run.
RATINGS = f"""with {CHOSEN}, {NOW},
history as (
    select action_code, quarter, rag from action_status
    where quarter <= $quarter and action_code in (select action_code from chosen)
),
breaks as (
    select h.action_code,
        max(h.quarter) filter (where h.rag <> n.rag) as last_other_rating,
        max(h.quarter) filter (where h.rag not in ('Red', 'Amber')) as last_on_track
    from history h join now n using (action_code)
    group by h.action_code
),
runs as (
    select h.action_code,
        min(h.quarter) filter (where h.quarter > coalesce(b.last_other_rating, '')) as rated_since,
        count(*) filter (where h.quarter > coalesce(b.last_other_rating, '')) as quarters_at_rating,
        min(h.quarter) filter (where h.quarter > coalesce(b.last_on_track, '')) as not_on_track_since
    from history h join breaks b using (action_code)
    group by h.action_code
),
final as (
    select c.action_code, c.title, c.plan, c.workstream, c.accountable_group, c.lead_role, c.inspection_area,
        c.start_date, c.due_date, n.rag, n.status, n.percent_complete, n.note, n.updated_by, n.updated_at,
        r.rated_since, r.quarters_at_rating,
        case when n.rag in ('Red', 'Amber') then r.not_on_track_since end as not_on_track_since,
        c.due_date < $quarter_end and not n.is_complete as is_overdue
    from chosen c join now n using (action_code) join runs r using (action_code)
)
select * from final"""
RAG_RANK = "case rag when 'Red' then 0 when 'Amber' then 1 when 'Green' then 2 else 3 end"


def _query(con: Connection, sql: str, quarter: str | None = None, filters=None, action=None) -> pd.DataFrame:
    """Run SQL with the filters and quarter bound; only the parameters the SQL names are passed."""
    filters = filters or ActionFilters()
    values = {
        "workstreams": list(filters.workstreams),
        "groups": list(filters.groups),
        "leads": list(filters.leads),
        "plans": list(filters.plans),
        "action": action,
    }
    if quarter:
        values |= {
            "quarter": quarter,
            "quarter_end": quarter_end(quarter),
            "previous": shift_quarter(quarter, -1),
            "previous_end": quarter_end(shift_quarter(quarter, -1)),
        }
    used = {name: value for name, value in values.items() if re.search(rf"\${name}\b", sql)}
    return con.execute(sql, used).df()


# Every chosen action in one row for the quarter: what each of quarter_counts, rag_by_workstream, actions_off_track,
# overdue_actions, actions_without_update, changes_since_last_quarter and action_timeline reads, with each of their
# expressions as they write it, so the page asks once (quarter_overview) and takes its rows and columns.
OVERVIEW = f"""{RATINGS.removesuffix("select * from final")},
{MISSING},
before as (
    select s.*, (s.rag = 'Complete' or s.status = 'Complete') as is_complete
    from action_status s where s.quarter = $previous
),
by_rating as (select workstream, rag, count(*) as actions from final group by workstream, rag)
select c.action_code, c.title, c.plan, c.workstream, c.accountable_group, c.lead_role, c.inspection_area,
    c.start_date, c.due_date, f.rag, f.status, f.percent_complete, f.note, f.updated_by, f.updated_at,
    f.rated_since, f.quarters_at_rating, f.not_on_track_since, f.is_overdue,
    {RAG_RANK.replace("rag", "f.rag")} as rag_rank,
    f.action_code is not null as in_final,
    w.actions as actions_at_rating,
    m.action_code is not null as in_missing, m.last_quarter, m.last_rag,
    -- action_timeline
    coalesce(n.rag, '{NO_UPDATE}') as timeline_rag, n.percent_complete as timeline_percent_complete,
    c.due_date < $quarter_end and not coalesce(n.is_complete, false) as timeline_overdue,
    -- changes_since_last_quarter
    coalesce(b.rag, '{NO_UPDATE}') as rag_before,
    n.rag = 'Red' and coalesce(b.rag, '') <> 'Red' as moved_to_red,
    n.is_complete and not coalesce(b.is_complete, false) as completed,
    c.due_date < $quarter_end and not n.is_complete
        and not coalesce(c.due_date < $previous_end and not b.is_complete, false) as newly_overdue
from chosen c
left join now n using (action_code)
left join final f using (action_code)
left join by_rating w on w.workstream is not distinct from f.workstream and w.rag is not distinct from f.rag
    and f.action_code is not null
left join missing m using (action_code)
left join before b using (action_code)"""
RATINGS_COLUMNS = [
    "action_code", "title", "plan", "workstream", "accountable_group", "lead_role", "inspection_area", "start_date",
    "due_date", "rag", "status", "percent_complete", "note", "updated_by", "updated_at", "rated_since",
    "quarters_at_rating", "not_on_track_since", "is_overdue",
]  # fmt: skip


def quarter_overview(con: Connection, quarter: str, filters: ActionFilters) -> dict:
    """Return what the Action plan page shows for the quarter from one query: "counts" (quarter_counts), and the
    frames "chosen" (chosen_actions), "by_workstream" (rag_by_workstream), "off_track" (actions_off_track),
    "overdue" (overdue_actions), "missing" (actions_without_update), "changes" (changes_since_last_quarter) and
    "timeline" (action_timeline), each equal to what that function returns."""
    every = _query(con, OVERVIEW, quarter, filters)
    in_final, rag = _is(every["in_final"]), every["rag"]

    def frame(rows, columns: dict, by: list[str], change: pd.Series | None = None) -> pd.DataFrame:
        # The rows in the order the function's SQL sorts them, its columns under its names, typed as DuckDB types
        # them; the keys are sorted first and the wide frame is taken from once (text columns are slow to take).
        keys = every.loc[rows, by] if change is None else change
        order = keys.sort_values(by, kind="stable")
        out = every.loc[order.index, list(columns)].rename(columns=columns)
        if change is not None:
            out.insert(0, "change", order["change"].array)
        return as_duckdb_gives(out)

    ratings = {name: name for name in RATINGS_COLUMNS}
    overdue = in_final & _is(every["is_overdue"].eq(True))
    counts = QuarterCounts(
        updated=int(in_final.sum()),
        green=int((in_final & _is(rag.eq("Green"))).sum()),
        amber=int((in_final & _is(rag.eq("Amber"))).sum()),
        red=int((in_final & _is(rag.eq("Red"))).sum()),
        complete=int((in_final & _is(rag.eq("Complete"))).sum()),
        overdue=int(overdue.sum()),
        overdue_red=int((overdue & _is(rag.eq("Red"))).sum()),
        no_update=int(every["in_missing"].sum()),
    )
    # Every action updated this quarter is in final, whose rating and note are this quarter's. An action may be in
    # two lists (moved to red and newly overdue), so the rows are named by the wide frame's index, repeated.
    changed = pd.concat(
        [
            every.loc[in_final & _is(every[flag].eq(True)), ["workstream", "action_code"]].assign(change=name)
            for name, flag in (
                ("Moved to red", "moved_to_red"),
                ("Completed", "completed"),
                ("Newly overdue", "newly_overdue"),
            )
        ]
    )
    compared = ["action_code", "title", "workstream", "due_date", "rag", "note", "rag_before"]
    return {
        "chosen": frame(slice(None), {k: k for k in ["action_code", "title", "workstream"]}, ["action_code"]),
        "counts": counts,
        "by_workstream": frame(
            ~every.loc[in_final, ["workstream", "rag"]].duplicated().reindex(every.index, fill_value=True),
            {"workstream": "workstream", "rag": "rag", "actions_at_rating": "actions"},
            ["workstream", "rag_rank"],
        ),
        "off_track": frame(
            in_final & _is(rag.isin(["Red", "Amber"])), ratings, ["rag_rank", "workstream", "action_code"]
        ),
        "overdue": frame(overdue, ratings, ["due_date", "action_code"]),
        "missing": frame(
            _is(every["in_missing"]),
            {k: k for k in ["action_code", "title", "workstream", "due_date", "last_quarter", "last_rag"]},
            ["action_code"],
        ),
        "changes": frame(None, {k: k for k in compared}, ["change", "workstream", "action_code"], changed),
        "timeline": frame(
            slice(None),
            {
                "action_code": "action_code",
                "title": "title",
                "plan": "plan",
                "workstream": "workstream",
                "accountable_group": "accountable_group",
                "lead_role": "lead_role",
                "start_date": "start_date",
                "due_date": "due_date",
                "timeline_rag": "rag",
                "timeline_percent_complete": "percent_complete",
                "timeline_overdue": "is_overdue",
            },  # fmt: skip
            ["workstream", "start_date", "action_code"],
        ),
    }


def _is(condition: pd.Series):
    """Return a condition as a plain mask: true where it holds, false where it does not or is missing (SQL's where)."""
    return condition.fillna(False).to_numpy(bool)


def filter_choices(con: Connection) -> dict[str, list[str]]:
    """Return the accountable groups, lead roles and plans that actions use, for the filter boxes."""
    # One statement: each list is the distinct values in order (a missing value last, as "order by" puts it).
    row = con.execute(
        "select list(distinct accountable_group order by accountable_group), list(distinct lead_role order by "
        "lead_role), list(distinct plan order by plan) from actions"
    ).fetchone()
    return {name: list(values or []) for name, values in zip(["groups", "leads", "plans"], row, strict=True)}


def chosen_actions(con: Connection, filters: ActionFilters) -> pd.DataFrame:
    """Return the code, title and workstream of every action the filters choose."""
    return _query(
        con, f"with {CHOSEN} select action_code, title, workstream from chosen order by action_code", filters=filters
    )


def quarter_counts(con: Connection, quarter: str, filters: ActionFilters) -> QuarterCounts:
    """Return the quarter's actions by rating, overdue (and overdue and red) and without an update."""
    row = _query(
        con,
        f"""with {CHOSEN}, {NOW}, {MISSING}
        select count(*) as updated,
            count(*) filter (where n.rag = 'Green') as green,
            count(*) filter (where n.rag = 'Amber') as amber,
            count(*) filter (where n.rag = 'Red') as red,
            count(*) filter (where n.rag = 'Complete') as complete,
            count(*) filter (where c.due_date < $quarter_end and not n.is_complete) as overdue,
            count(*) filter (where c.due_date < $quarter_end and not n.is_complete and n.rag = 'Red') as overdue_red,
            (select count(*) from missing) as no_update
        from now n join chosen c using (action_code)""",
        quarter,
        filters,
    ).iloc[0]
    return QuarterCounts(**{name: int(row[name]) for name in QuarterCounts.__dataclass_fields__})


def on_track_by_quarter(con: Connection, quarters: list[str], filters: ActionFilters) -> dict[str, Proportion]:
    """Return, for each of the quarters with any update, the actions on track (green or complete) out of those updated:
    quarter_counts(...).on_track for several quarters in one query."""
    rows = con.execute(
        f"""with {CHOSEN}
        select s.quarter, count(*) filter (where s.rag in ('Green', 'Complete')) as on_track, count(*) as updated
        from action_status s
        where list_contains($quarters::varchar[], s.quarter) and s.action_code in (select action_code from chosen)
        group by s.quarter""",
        {
            "workstreams": list(filters.workstreams),
            "groups": list(filters.groups),
            "leads": list(filters.leads),
            "plans": list(filters.plans),
            "action": None,
            "quarters": list(quarters),
        },
    ).fetchall()
    return {quarter: Proportion(on_track, updated) for quarter, on_track, updated in rows}


def on_track_by_workstream(
    con: Connection, quarters: list[str], workstreams: list[str]
) -> dict[str, dict[str, Proportion]]:
    """Return on_track_by_quarter(quarters, ActionFilters(workstreams=(w,))) for each workstream w, from one query."""
    if not workstreams:
        return {}
    rows = con.execute(
        """select w.workstream, s.quarter, count(*) filter (where s.rag in ('Green', 'Complete')) as on_track,
            count(*) as updated
        from action_status s
        join (select distinct action_code, workstream from actions
              where list_contains($workstreams::varchar[], workstream)) w using (action_code)
        where list_contains($quarters::varchar[], s.quarter)
        group by all""",
        {"quarters": list(quarters), "workstreams": list(workstreams)},
    ).fetchall()
    counts: dict[str, dict[str, Proportion]] = {workstream: {} for workstream in workstreams}
    for workstream, quarter, on_track, updated in rows:
        counts[workstream][quarter] = Proportion(on_track, updated)
    return counts


def rag_by_workstream(con: Connection, quarter: str, filters: ActionFilters) -> pd.DataFrame:
    """Return the number of actions at each rating in each workstream for the quarter."""
    return _query(
        con,
        f"""with {CHOSEN}, {NOW}
        select c.workstream, n.rag, count(*) as actions
        from now n join chosen c using (action_code)
        group by c.workstream, n.rag order by c.workstream, {RAG_RANK}""",
        quarter,
        filters,
    )


def ratings_in_quarter(con: Connection, quarter: str, filters: ActionFilters) -> pd.DataFrame:
    """Return every chosen action updated in the quarter with its rating, since when, and its latest note."""
    return _query(con, f"{RATINGS} order by {RAG_RANK}, workstream, action_code", quarter, filters)


def actions_off_track(con: Connection, quarter: str, filters: ActionFilters) -> pd.DataFrame:
    """Return actions rated red (off track) or amber (at risk) in the quarter, since when, and what was said."""
    return _query(
        con, f"{RATINGS} where rag in ('Red', 'Amber') order by {RAG_RANK}, workstream, action_code", quarter, filters
    )


def overdue_actions(con: Connection, quarter: str, filters: ActionFilters) -> pd.DataFrame:
    """Return actions past their due date by the end of the quarter and not complete."""
    return _query(con, f"{RATINGS} where is_overdue order by due_date, action_code", quarter, filters)


def actions_without_update(con: Connection, quarter: str, filters: ActionFilters) -> pd.DataFrame:
    """Return started, unfinished actions with no update for the quarter, and their last rating."""
    return _query(con, f"with {CHOSEN}, {NOW}, {MISSING} select * from missing order by action_code", quarter, filters)


def changes_since_last_quarter(con: Connection, quarter: str, filters: ActionFilters) -> pd.DataFrame:
    """Return actions that moved to red, were completed or became overdue since the quarter before."""
    return _query(
        con,
        f"""with {CHOSEN}, {NOW},
        before as (
            select s.*, (s.rag = 'Complete' or s.status = 'Complete') as is_complete
            from action_status s where s.quarter = $previous
        ),
        compared as (
            select c.action_code, c.title, c.workstream, c.due_date, n.rag, n.note,
                coalesce(b.rag, '{NO_UPDATE}') as rag_before,
                n.rag = 'Red' and coalesce(b.rag, '') <> 'Red' as moved_to_red,
                n.is_complete and not coalesce(b.is_complete, false) as completed,
                c.due_date < $quarter_end and not n.is_complete
                    and not coalesce(c.due_date < $previous_end and not b.is_complete, false) as newly_overdue
            from now n join chosen c using (action_code) left join before b using (action_code)
        ),
        final as (
            select 'Moved to red' as change, * exclude (moved_to_red, completed, newly_overdue)
            from compared where moved_to_red
            union all
            select 'Completed', * exclude (moved_to_red, completed, newly_overdue) from compared where completed
            union all
            select 'Newly overdue', * exclude (moved_to_red, completed, newly_overdue)
            from compared where newly_overdue
        )
        select * from final order by change, workstream, action_code""",
        quarter,
        filters,
    )


def action_timeline(con: Connection, quarter: str, filters: ActionFilters) -> pd.DataFrame:
    """Return each chosen action's start and due dates with its rating in the quarter ("No update" if none)."""
    return _query(
        con,
        f"""with {CHOSEN}, {NOW}
        select c.action_code, c.title, c.plan, c.workstream, c.accountable_group, c.lead_role,
            c.start_date, c.due_date, coalesce(n.rag, '{NO_UPDATE}') as rag, n.percent_complete,
            c.due_date < $quarter_end and not coalesce(n.is_complete, false) as is_overdue
        from chosen c left join now n using (action_code)
        order by c.workstream, c.start_date, c.action_code""",
        quarter,
        filters,
    )


def action_rating(con: Connection, action_code: str, quarter: str) -> pd.DataFrame:
    """Return one action's details with its rating in the quarter and since when (no row if not updated)."""
    return _query(con, RATINGS, quarter, action=action_code)


def action_details(con: Connection, action_code: str) -> pd.DataFrame:
    """Return one action as its plan describes it."""
    return con.execute("select * exclude (upload_id) from actions where action_code = ?", [action_code]).df()


def action_history(con: Connection, action_code: str) -> pd.DataFrame:
    """Return every update of an action, newest quarter first, with corrected and withdrawn updates kept."""
    return con.execute(
        """select quarter, rag, status, percent_complete, note, updated_by, updated_at,
            is_current, corrected_at, corrected_by,
            update_id, is_withdrawn, withdrawn_at, withdrawn_by, withdrawn_reason
        from action_update_history where action_code = ?
        order by quarter desc, updated_at desc, update_id desc""",
        [action_code],
    ).df()


def action_feedback(con: Connection, action_code: str) -> pd.DataFrame:
    """Return the "you said, we did" items linked to an action, latest raised first, with their indicator's label."""
    return con.execute(
        """select f.entry_id, f.theme, f.response, f.date_raised, f.date_responded, f.days_to_respond, f.fed_back,
            coalesce(i.label, f.indicator) as indicator
        from feedback_loop f left join indicators i on i.indicator = f.indicator
        where f.action_code = ?
        order by f.date_raised desc, f.entry_id desc""",
        [action_code],
    ).df()


def linked_indicators(con: Connection, workstream: str, quarter: str) -> pd.DataFrame:
    """Return survey indicators whose questions carry the workstream: latest wave to the quarter, and the one before.

    Waves are counted whole, as the Impact page counts them: a wave cut at the quarter would let two quarters'
    figures be subtracted to give one quarter's answers, which may be too few to show. Counts are published
    (perturbed) counts, the same the Impact page publishes for the same answers."""
    return con.execute(
        """with by_wave as (
            -- the answers counted at load time (migration 080), added up per survey, indicator and wave
            select c.survey, q.indicator, c.wave,
                least(published_total(c.positive, c.positive_keys), published_total(c.answered, c.answered_keys))
                    as positive,
                published_total(c.answered, c.answered_keys) as base
            from answer_cells c join questions q on q.survey = c.survey and q.question_id = c.question_id
            where q.indicator is not null and list_contains(q.workstreams, ?) and c.wave <= left(?, 7)
            group by all having published_total(c.answered, c.answered_keys) > 0
        ),
        ranked as (
            select *, row_number() over (partition by survey, indicator order by wave desc) as recency
            from by_wave
        )
        select l.survey, l.indicator, i.label, i.statement, l.wave, l.positive, l.base,
            p.wave as previous_wave, p.positive as previous_positive, p.base as previous_base
        from ranked l
        join indicators i on i.indicator = l.indicator
        left join ranked p on p.survey = l.survey and p.indicator = l.indicator and p.recency = 2
        where l.recency = 1
        order by l.survey, i.label""",
        [workstream, quarter],
    ).df()


@cache
def inspection_area_catalogue() -> tuple[dict, ...]:
    """Return IDA 1-18 and ADD 19-21 with titles, themes, accountable groups and workstreams, in order."""
    areas = yaml.safe_load((config.MAPPINGS_DIR / "inspection_areas.yaml").read_text())
    return tuple(
        {"area": area, "number": int(area.split()[1]), **item}
        for area, item in sorted(areas.items(), key=lambda kv: int(kv[0].split()[1]))
    )


def inspection_areas(con: Connection, quarter: str, filters: ActionFilters) -> pd.DataFrame:
    """Return each inspection area with its accountable groups and its actions' ratings in the quarter.

    The workstream filter keeps areas that belong to a chosen workstream or have a chosen action; the other
    filters narrow the actions counted."""
    sql = f"""with {CHOSEN}, {NOW},
        areas as (select unnest($areas, recursive := true)),
        linked as (
            select c.inspection_area as area, c.action_code, coalesce(n.rag, '{NO_UPDATE}') as rag
            from chosen c left join now n using (action_code)
            where c.inspection_area is not null
        )
        select a.number, a.area, a.title, a.theme, a.accountable_groups, a.workstreams,
            count(l.action_code) as actions,
            count(*) filter (where l.rag = 'Red') as red,
            count(*) filter (where l.rag = 'Amber') as amber,
            count(*) filter (where l.rag = 'Green') as green,
            count(*) filter (where l.rag = 'Complete') as complete,
            count(*) filter (where l.rag = '{NO_UPDATE}') as no_update,
            string_agg(l.action_code || ' ' || l.rag, '; ' order by l.action_code) as action_ratings
        from areas a left join linked l using (area)
        where len($workstreams::varchar[]) = 0
            or len(list_intersect(a.workstreams, $workstreams::varchar[])) > 0
            or l.action_code is not null
        group by all order by a.number"""
    params = {
        "areas": list(inspection_area_catalogue()),
        "workstreams": list(filters.workstreams),
        "groups": list(filters.groups),
        "leads": list(filters.leads),
        "plans": list(filters.plans),
        "action": None,
        "quarter": quarter,
    }
    return con.execute(sql, params).df()
