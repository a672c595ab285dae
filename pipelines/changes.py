"""What loading a non-survey file changes, record by record (issue 18); loading and undoing: record_loads.py.

A record is what an input's natural key names: an action (its code), an action's update for a quarter, an activity
(with its attendance), a baseline cell, a service's rating of one audit priority, a "you said, we did" entry, a DfE
count. A load holds every record in its file: new ones it adds, changed ones it writes (over the row, or for the
append-only inputs as a new version beside the old), unchanged ones it takes over. A file may replace an earlier load
of the same input: it also takes over that load's records and removes the ones it no longer has. Every row a load
writes over, removes or takes over is first copied to undo_<table> (migration 070), so undoing it puts back exactly
what was there before. A load whose rows a later load has since copied there is undone only after that later load.
"""

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Records:
    """Where an input's records live, how each is named, and how its stored and incoming forms are compared."""

    table: str
    key: str  # SQL naming the record of a row of `table`
    incoming_key: str  # the same over a row of the incoming frame
    current: str  # SQL: record, the compared columns as text, upload_id (and row_id for append-only tables)
    incoming: str  # SQL over `incoming`: record and the same compared columns, as they would be stored
    one: str
    many: str
    row_id: str | None = None  # append-only tables: a change is a new version, older ones are kept


LATEST_FEEDBACK = """(select * from feedback_entries
    qualify row_number() over (partition by entry_id order by recorded_at desc, version_id desc) = 1)"""
RECORDS = {
    "actions": Records(
        "actions", "action_code", "action_code",
        """select action_code as record, plan, title, workstream, accountable_group, lead_role, inspection_area,
            start_date::varchar as start_date, due_date::varchar as due_date, upload_id from actions""",
        """select action_code as record, plan, title, workstream, accountable_group, lead_role, inspection_area,
            start_date::date::varchar as start_date, due_date::date::varchar as due_date from incoming""",
        "action", "actions",
    ),
    "action_updates": Records(
        "action_updates", "action_code || ' ' || quarter", "action_code || ' ' || quarter",
        """select action_code || ' ' || quarter as record, status, rag, percent_complete::varchar as percent_complete,
            note, upload_id, update_id as row_id from action_status""",
        """select action_code || ' ' || quarter as record, status, rag,
            percent_complete::integer::varchar as percent_complete, note from incoming""",
        "update", "updates", "update_id",
    ),
    "activities": Records(
        "activities", "activity_id", "activity_id",
        """with attendance as (select activity_id, string_agg(respondent_type || ' ' || age_band || ': '
                || attendees::varchar, '; ' order by respondent_type, age_band) as attendance
            from activity_attendance group by activity_id)
        select a.activity_id as record, activity_date::varchar as activity_date, title, kind, ladder_level,
            workstream, easy_read::varchar as easy_read, accessible_venue::varchar as accessible_venue,
            accessible_time::varchar as accessible_time, what_changed, attendance, upload_id
        from activities a left join attendance using (activity_id)""",
        """with attendance as (select activity_id, string_agg(respondent_type || ' ' || age_band || ': '
                || attendees::integer::varchar, '; ' order by respondent_type, age_band) as attendance
            from incoming group by activity_id)
        select distinct on (i.activity_id) i.activity_id as record, activity_date::date::varchar as activity_date,
            title, kind, ladder_level, workstream, (easy_read = 'Yes')::varchar as easy_read,
            (accessible_venue = 'Yes')::varchar as accessible_venue,
            (accessible_time = 'Yes')::varchar as accessible_time, what_changed, attendance
        from incoming i join attendance using (activity_id)""",
        "activity", "activities",
    ),
    "baseline": Records(
        "population_baseline",
        "year || ' ' || age_band || ' ' || locality || ' ' || support_level",
        "year || ' ' || age_band || ' ' || locality || ' ' || support_level",
        """select year || ' ' || age_band || ' ' || locality || ' ' || support_level as record,
            children::varchar as children, upload_id from population_baseline""",
        """select year || ' ' || age_band || ' ' || locality || ' ' || support_level as record,
            children::integer::varchar as children from incoming""",
        "count", "counts",
    ),
    "audit": Records(
        "audit_ratings", "service || ', ' || audit_year || ', ' || priority",
        "service || ', ' || audit_year || ', ' || priority_text",
        """select service || ', ' || audit_year || ', ' || priority as record, rating, priority_code, priority_label,
            required_actions, next_steps, date_completed::varchar as date_completed, upload_id, rating_id as row_id
        from audit_latest""",
        """select service || ', ' || audit_year || ', ' || priority_text as record, rating,
            nullif(priority, 'Own') as priority_code, priority_label, required_actions, next_steps,
            date_completed::date::varchar as date_completed from incoming""",
        "rating", "ratings", "rating_id",
    ),
    "feedback_loop": Records(
        "feedback_entries", "entry_id", "entry_id",
        f"""select entry_id as record, theme, source, raised_by, date_raised::varchar as date_raised, response,
            date_responded::varchar as date_responded, fed_back::varchar as fed_back, action_code, workstream,
            indicator, upload_id, version_id as row_id from {LATEST_FEEDBACK}""",
        # As FEEDBACK_INSERT stores it: a response once recorded is kept when the file leaves it blank.
        f"""select i.entry_id as record, i.theme, i.source, i.raised_by, i.date_raised::date::varchar as date_raised,
            coalesce(i.response, c.response) as response,
            coalesce(i.date_responded::date, c.date_responded)::varchar as date_responded,
            coalesce(i.fed_back = 'Yes', c.fed_back)::varchar as fed_back, i.action_code, i.workstream, i.indicator
        from incoming i left join {LATEST_FEEDBACK} c using (entry_id)""",
        "entry", "entries", "version_id",
    ),
    "dfe_caseload": Records(
        "dfe_ehc_plans", "area_name || ', ' || age || ', ' || census_year",
        "area_name || ', ' || age || ', ' || census_year",
        """select area_name || ', ' || age || ', ' || census_year as record, plans::varchar as plans, upload_id
        from dfe_ehc_plans""",
        """select area_name || ', ' || age || ', ' || census_year as record, plans::varchar as plans
        from incoming""",
        "count", "counts",
    ),
}  # fmt: skip
CHANGES = ["new", "changed", "unchanged", "removed"]


@dataclass
class Changes:
    """What a file would do to each record: new, changed (and how), unchanged, or removed (a replaced load's)."""

    kind: str
    records: pd.DataFrame  # record, change, what changes
    row_records: pd.DataFrame = field(default_factory=pd.DataFrame)  # row_number, record
    replaces: int | None = None

    def count(self, change: str) -> int:
        """Return how many records have this change."""
        return int((self.records["change"] == change).sum())

    def sentence(self) -> str:
        """Return e.g. '3 new actions, 2 changed, 37 unchanged; 1 will be removed'."""
        spec = RECORDS[self.kind]
        new, changed, same, gone = (self.count(c) for c in CHANGES)
        text = f"{new} new {spec.one if new == 1 else spec.many}, {changed} changed, {same} unchanged"
        if self.replaces is not None:
            text += f"; {gone} from load {self.replaces} that this file does not have will be removed"
        return text


def classify(con, kind: str, frame: pd.DataFrame, replaces: int | None = None) -> Changes:
    """Return each record in the frame as new, changed or unchanged against what is stored, with what changes;
    with `replaces`, also the records of that load the frame does not have (removed)."""
    spec = RECORDS[kind]
    con.register("incoming", frame)
    try:
        incoming = con.execute(spec.incoming).df()
        rows = con.execute(f"select row_number, {spec.incoming_key} as record from incoming").df()
    finally:
        con.unregister("incoming")
    current = con.execute(spec.current).df()
    compared = [c for c in incoming.columns if c != "record"]
    merged = incoming.merge(current, on="record", how="left", suffixes=("", "__now"), indicator=True)
    differences = [_differences(row, compared) for row in merged.to_dict("records")]
    merged["change"] = [
        "new" if held == "left_only" else ("changed" if diff else "unchanged")
        for held, diff in zip(merged["_merge"], differences, strict=True)
    ]
    merged["what changes"] = differences
    records = merged[["record", "change", "what changes"]]
    if replaces is not None:
        held = con.execute(f"select distinct {spec.key} as record from {spec.table} where upload_id = ?", [replaces])
        gone = sorted(set(held.df()["record"]) - set(incoming["record"]))
        removed = pd.DataFrame({"record": gone, "change": "removed", "what changes": ""})
        records = pd.concat([records, removed], ignore_index=True)
    return Changes(kind, records.reset_index(drop=True), rows, replaces)


def _differences(row: dict, compared: list[str]) -> str:
    changed = []
    for column in compared:
        new, old = _text(row[column]), _text(row.get(f"{column}__now"))
        if new != old:
            changed.append(f"{column.replace('_', ' ')}: '{old or 'blank'}' to '{new or 'blank'}'")
    return "; ".join(changed)


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def replaceable_loads(con, kind: str) -> pd.DataFrame:
    """Return the current loads of an input a new file may replace, newest first: upload_id, file_name, loaded_at."""
    return con.execute(
        "select upload_id, file_name, loaded_at, rows_loaded from uploads where kind = ? and replaced_by is null "
        "order by loaded_at desc, upload_id desc",
        [kind],
    ).df()


def good_rows(kind: str, frame: pd.DataFrame, rejected: list[int]) -> pd.DataFrame:
    """Return the rows to load when leaving out rejected rows; an activity loads whole or not at all."""
    good = frame[~frame["row_number"].isin(rejected)]
    if kind == "activities":
        broken = frame.loc[frame["row_number"].isin(rejected), "activity_id"]
        good = good[~good["activity_id"].isin(broken)]
    return good
