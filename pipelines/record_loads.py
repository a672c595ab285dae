"""Load a non-survey file's records and undo a load exactly (issue 18); what a file changes is pipelines/changes.py.

A load holds every record in its file: new ones it adds, changed ones it writes (over the row, or for the
append-only inputs as a new version), unchanged ones it takes over; replacing a load, it takes over that load's
records too and removes those the file lacks. Every row written over, removed or taken over is first copied to
undo_<table> (migration 070) marked with the load, and undoing the load puts those rows back.
"""

import datetime as dt
from contextlib import suppress

import duckdb
import pandas as pd

from impact.store import audit
from impact.store.writer import transaction
from pipelines.changes import RECORDS, Changes, Records, classify, good_rows
from pipelines.load import TABLE_INSERTS, LoadResult, _finish_upload, _record_upload, sync_catalogue

PLANS_INSERT = """insert or replace into dfe_ehc_plans
    select $1, time_period, census_year, geographic_level, area_code, area_name, age, age_years, age_band, plans
    from incoming"""
INSERTS = {**TABLE_INSERTS, "dfe_caseload": PLANS_INSERT}
ATTENDANCE_INSERT = """insert into activity_attendance (activity_id, respondent_type, age_band, attendees)
    select activity_id, respondent_type, age_band, attendees from incoming"""


def load_records(
    con, kind: str, frame: pd.DataFrame, file_name: str, sha256: str, loaded_by: str, *,
    replaces: int | None = None, rows_in_file: int | None = None, rows_rejected: int = 0, area: dict | None = None,
) -> tuple[LoadResult, Changes]:  # fmt: skip
    """Load a validated frame in one transaction: new and changed records written, unchanged ones taken over, and,
    replacing a load, its records the file lacks removed; every row written over, removed or taken over is kept
    for the undo. Return the load and what it changed."""
    spec = RECORDS[kind]
    with transaction(con):
        if replaces is not None:
            _check_replaceable(con, kind, replaces)
        changes = classify(con, kind, frame, replaces)
        upload_id = _record_upload(con, kind, file_name, sha256, rows_in_file or len(frame), loaded_by)
        records = changes.records
        con.register("touched", records[["record", "change"]])
        try:
            _keep_for_undo(con, spec, upload_id, replaces)
            _write_over(con, spec, kind, upload_id, replaces)
            writing = set(records.loc[records["change"].isin(["new", "changed"]), "record"])
            written = changes.row_records.loc[changes.row_records["record"].isin(writing), "row_number"]
            con.register("incoming", frame[frame["row_number"].isin(written)])
            con.execute(INSERTS[kind], [upload_id])
            if kind == "activities":
                con.execute(ATTENDANCE_INSERT)
            con.unregister("incoming")
        finally:
            with suppress(duckdb.Error):  # an aborted transaction refuses it; the error that aborted it is raised
                con.unregister("touched")
        if area is not None:
            con.execute(
                "insert into dfe_area values (?, ?, ?, ?, ?)",
                [upload_id, area["la_code"], area["la_name"], area["region_code"], area["region_name"]],
            )
        if replaces is not None:
            con.execute("update uploads set replaced_by = ? where upload_id = ?", [upload_id, replaces])
        loaded, skipped = len(written), len(frame) - len(written)
        return _finish_upload(con, upload_id, loaded, skipped, rows_rejected), changes


def _keep_for_undo(con, spec: Records, upload_id: int, replaces: int | None) -> None:
    """Copy the rows this load writes over, takes over or removes to undo_<table>, marked with the load."""
    if spec.row_id is None:  # one row per record: changed and unchanged ones are written over or taken over
        kept = f"{spec.key} in (select record from touched where change in ('changed', 'unchanged'))"
    else:  # append-only: only the current version of an unchanged record is taken over
        current = f"(select row_id from ({RECORDS_CURRENT[spec.table]}) where record in "
        kept = f"{spec.row_id} in {current}(select record from touched where change = 'unchanged'))"
    if replaces is not None:
        kept = f"({kept}) or upload_id = {int(replaces)}"
    copy = f"insert into undo_{spec.table} by name select *, ? as undo_load from {spec.table} where {kept}"
    con.execute(copy, [upload_id])
    if spec.table == "activities":
        con.execute(
            "insert into undo_activity_attendance by name select t.*, ? as undo_load from activity_attendance t "
            "where activity_id in (select activity_id from undo_activities where undo_load = ?)",
            [upload_id, upload_id],
        )


def _write_over(con, spec: Records, kind: str, upload_id: int, replaces: int | None) -> None:
    """Remove what is written over or no longer held, and take over the rest of the rows kept for the undo."""
    kept = f"undo_{spec.table} where undo_load = {int(upload_id)}"
    if spec.row_id is None:
        gone = f"{spec.key} in (select record from touched where change in ('changed', 'removed'))"
        held = f"{spec.key} in (select {spec.key} from {kept})"
    else:
        gone = f"{spec.row_id} in (select {spec.row_id} from {kept}) and {spec.key} in " + (
            "(select record from touched where change = 'removed')"
        )
        held = f"{spec.row_id} in (select {spec.row_id} from {kept})"
    if kind == "activities":
        con.execute(f"delete from activity_attendance where activity_id in (select activity_id from activities "
                    f"where {gone})")  # fmt: skip
    con.execute(f"delete from {spec.table} where {gone}")
    con.execute(f"update {spec.table} set upload_id = ? where {held}", [upload_id])


RECORDS_CURRENT = {spec.table: spec.current for spec in RECORDS.values()}


def _check_replaceable(con, kind: str, replaces: int) -> None:
    row = con.execute("select kind, replaced_by from uploads where upload_id = ?", [replaces]).fetchone()
    if row is None or row[0] != kind:
        raise ValueError(f"There is no load number {replaces} of this input to replace.")
    if row[1] is not None:
        raise ValueError(f"Load {replaces} was already replaced by load {row[1]}.")
    if blockers := undo_blockers(con, replaces):
        raise ValueError(
            f"Load {_named(blockers)} has since changed records of load {replaces}: "
            f"remove {'it' if len(blockers) == 1 else 'them'} first, or replace the latest load."
        )


def undo_blockers(con, upload_id: int) -> list[int]:
    """Return the later loads that changed, took over or re-added records of this load (to be removed first)."""
    kind = con.execute("select kind from uploads where upload_id = ?", [upload_id]).fetchone()
    if kind is None or kind[0] not in RECORDS:
        return []
    spec = RECORDS[kind[0]]
    later = con.execute(
        f"select distinct undo_load from undo_{spec.table} where upload_id = ? and undo_load <> ?",
        [upload_id, upload_id],
    ).fetchall()
    readded = []
    if spec.row_id is None:  # a record this load removed that a later load added again
        readded = con.execute(
            f"""select distinct t.upload_id from {spec.table} t
            where t.upload_id <> ? and {spec.key} in
                (select {spec.key} from undo_{spec.table} where undo_load = ?)""",
            [upload_id, upload_id],
        ).fetchall()
    return sorted({row[0] for row in [*later, *readded]})


def undo_load(con, upload_id: int, removed_by: str) -> str:
    """Undo one non-survey load exactly: delete the rows it holds and put back what it wrote over, took over or
    removed (a load it replaced becomes current again); return a sentence saying what was done."""
    with transaction(con):  # checked under the writer's lock, so nothing changes in between
        row = con.execute(
            "select kind, file_name, replaced_by, rows_loaded from uploads where upload_id = ?", [upload_id]
        ).fetchone()
        if row is None:
            raise ValueError(f"There is no load number {upload_id} to remove.")
        kind, file_name, replaced_by, rows_loaded = row
        if kind not in RECORDS:
            raise ValueError(f"Load {upload_id} is a survey load: remove it as a survey load.")
        if replaced_by is not None:
            raise ValueError(
                f"Load {upload_id} was replaced by load {replaced_by}: remove load {replaced_by} to put it back."
            )
        if blockers := undo_blockers(con, upload_id):
            raise ValueError(
                f"Load {_named(blockers)} has since changed records of load {upload_id}: "
                f"remove {'it' if len(blockers) == 1 else 'them'} first."
            )
        spec = RECORDS[kind]
        if kind == "activities":
            con.execute("delete from activity_attendance where activity_id in "
                        "(select activity_id from activities where upload_id = ?)", [upload_id])  # fmt: skip
        removed = con.execute(f"delete from {spec.table} where upload_id = ?", [upload_id]).fetchone()[0]
        restored = _put_back(con, spec.table, upload_id)
        if kind == "activities":
            _put_back(con, "activity_attendance", upload_id)
        con.execute("delete from dfe_area where upload_id = ?", [upload_id])
        back = con.execute(
            "update uploads set replaced_by = null where replaced_by = ? returning upload_id", [upload_id]
        ).fetchall()
        con.execute(
            """insert into removed_uploads
            select upload_id, kind, file_name, sha256, tool, rows_in_file, rows_loaded, loaded_at, loaded_by,
                   ?, ?, ? from uploads where upload_id = ?""",
            [removed, dt.datetime.now(), removed_by, upload_id],
        )
        con.execute("delete from uploads where upload_id = ?", [upload_id])
        message = f"Removed load {upload_id} ({file_name}): {removed} {spec.many if removed != 1 else spec.one} " + (
            f"taken away, {restored} put back as they were before it"
        )
        if back:
            message += f"; load {back[0][0]}, which it replaced, counts again"
        audit.record(con, removed_by, "remove_load", message)
    return message + "."


def _put_back(con, table: str, upload_id: int) -> int:
    restored = con.execute(
        f"insert into {table} by name select * exclude (undo_load) from undo_{table} where undo_load = ?", [upload_id]
    ).fetchone()[0]
    con.execute(f"delete from undo_{table} where undo_load = ?", [upload_id])
    return restored


def _named(loads: list[int]) -> str:
    return ", ".join(str(load) for load in loads)


def undoable_loads(con) -> pd.DataFrame:
    """Return the current non-survey loads, newest first, with what removing each would do or what stops it."""
    frame = con.execute(
        "select upload_id, kind, file_name, loaded_at, loaded_by, rows_loaded from uploads "
        "where kind in (select unnest(?::varchar[])) and replaced_by is null order by loaded_at desc, upload_id desc",
        [list(RECORDS)],
    ).df()
    frame["replaced"] = [_replaced(con, u) for u in frame["upload_id"]]
    return frame


def _replaced(con, upload_id: int) -> int | None:
    row = con.execute("select upload_id from uploads where replaced_by = ?", [int(upload_id)]).fetchone()
    return row[0] if row else None


def commit_records(
    con, prepared, loaded_by: str, load_good_rows: bool, replaces: int | None = None, *, catalogue: bool = True
):
    """Load a prepared non-survey file (all of it, or its good rows when chosen); return (status, sentence, load)."""
    if prepared.frame is None or prepared.file_problems or (prepared.problems and not load_good_rows):
        count = len(prepared.problems)
        message = f"{prepared.file_name} was not loaded: {count} problem{'s' if count != 1 else ''} to fix."
        return "rejected", message, None
    frame = good_rows(prepared.kind, prepared.frame, prepared.rejected_rows)
    if frame.empty:
        return "rejected", f"{prepared.file_name} was not loaded: no row passed the checks.", None
    if catalogue:
        sync_catalogue(con)
    result, changes = load_records(
        con, prepared.kind, frame, prepared.file_name, prepared.sha256, loaded_by,
        replaces=replaces, rows_in_file=len(prepared.frame), rows_rejected=len(prepared.frame) - len(frame),
    )  # fmt: skip
    message = f"Loaded {prepared.file_name} as load {result.upload_id}: {changes.sentence()}."
    if replaces is not None:
        message = message.replace("will be removed", "were removed")
    if left_out := len(prepared.frame) - len(frame):
        message += f" {left_out} row{'s' if left_out != 1 else ''} with problems left out."
    return "loaded", message, result
