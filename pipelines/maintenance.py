"""Backup, restore and retention: the operations an information governance lead asks about."""

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from impact.store import audit, cells, db
from impact.store.writer import transaction

# Tables that hold what people said or did, by the column that dates each row.
PERSONAL_TABLES = {"responses": "submitted_at", "activities": "activity_date"}


def backup_database(source: Path, target: Path) -> Path:
    """Write a consistent copy of the database to `target` (a new file) and return its path.

    Taken under the readers' lock: the dashboard keeps reading meanwhile, and no write lands half-way."""
    if target.exists():
        raise FileExistsError(f"{target} already exists; choose a new file name for the backup.")
    with db.file_lock(source, exclusive=False):
        con = duckdb.connect()
        try:
            con.execute("attach ? as source (read_only)", [str(source)])
            con.execute("attach ? as backup", [str(target)])
            con.execute("copy from database source to backup")
            con.execute("detach backup")
        finally:
            con.close()
    return target


def restore_database(backup: Path, target: Path, who: str = "command line") -> Path | None:
    """Replace the database at `target` with a backup; return where the replaced file was kept.

    Refused while any other process has the database open; the file it replaces is kept beside it."""
    check = duckdb.connect(str(backup), read_only=True)
    try:
        check.execute("select count(*) from schema_migrations").fetchone()
    except duckdb.Error as error:
        raise ValueError(f"{backup} is not a SEND Impact Monitor backup: {error}") from error
    finally:
        check.close()
    try:
        with db.file_lock(target, exclusive=True, wait=RESTORE_WAIT_SECONDS):
            kept = replace_file(backup, target, "before-restore")
    except db.DatabaseBusy:
        raise DatabaseInUse(f"{target} is being read or written right now; nothing was restored. Retry.") from None
    with db.writing(target) as con, transaction(con):
        audit.record(con, who, "restore", f"Restored from {backup.name}")
    return kept


class DatabaseInUse(RuntimeError):
    """Another process has the database open, so it must not be replaced."""


# A restore or rebuild does not queue behind the dashboard: it is refused at once if the file is busy.
RESTORE_WAIT_SECONDS = 5.0


def replace_file(new: Path, target: Path, reason: str) -> Path | None:
    """Swap `new` in at `target` (call under the exclusive lock); return where the old file was kept, if any."""
    if target.exists() and db.is_open_elsewhere(target):
        raise DatabaseInUse(
            f"{target} is open in another process (a dashboard or command started without this version, or a "
            "DuckDB shell); nothing was replaced. Stop it and retry."
        )
    kept = None
    if target.exists():
        # Fold any write-ahead log into the old file first, so the copy kept is whole and no stale log is left
        # for the new file to replay: that is how a replaced database once lost a write.
        db.connect(target).close()
        kept = target.with_name(f"{target.stem}.{reason}-{dt.datetime.now():%Y%m%d-%H%M%S}{target.suffix}")
        os.replace(target, kept)
    Path(f"{target}.wal").unlink(missing_ok=True)
    staging = target.with_name(target.name + ".restoring")
    shutil.copy(new, staging)
    os.replace(staging, target)  # atomic: readers see the old file or the restored one, never a mix
    return kept


# What a retention run removes, in the order it removes it: each table, the rows it removes (rows dated before the
# cutoff, or belonging to such a row) and the date that makes a row old. The preview counts these same rows.
RETENTION_STEPS = [
    (
        "answers",
        "answers a join responses r using (response_id) where r.submitted_at < $cutoff",
        "r.submitted_at",
        "delete from answers where response_id in (select response_id from responses where submitted_at < $cutoff)",
    ),
    (
        "responses",
        "responses where submitted_at < $cutoff",
        "submitted_at",
        "delete from responses where submitted_at < $cutoff",
    ),
    (
        "activity attendance",
        "activity_attendance t join activities a using (activity_id) where a.activity_date < $cutoff",
        "a.activity_date",
        "delete from activity_attendance where activity_id in "
        "(select activity_id from activities where activity_date < $cutoff)",
    ),
    (
        "activities",
        "activities where activity_date < $cutoff",
        "activity_date",
        "delete from activities where activity_date < $cutoff",
    ),
]


@dataclass(frozen=True)
class RetentionEffect:
    """What a retention run removes from one table: how many rows, and the date of the oldest."""

    table: str
    rows: int
    oldest: dt.date | None


def retention_cutoff(months: int, today: dt.date | None = None) -> dt.date:
    """Return the first day kept: whole months back from the first of the month, so a rerun that month removes nothing
    new."""
    today = today or dt.date.today()
    return (today - dt.timedelta(days=round(months * 365.25 / 12))).replace(day=1)


def retention_preview(con, cutoff: dt.date) -> list[RetentionEffect]:
    """Return what remove_older_than(cutoff) would remove from each table, changing nothing."""
    effects = []
    for table, rows, dated_by, _ in RETENTION_STEPS:
        count, oldest = con.execute(f"select count(*), min({dated_by}) from {rows}", {"cutoff": cutoff}).fetchone()
        effects.append(RetentionEffect(table, count, oldest.date() if isinstance(oldest, dt.datetime) else oldest))
    return effects


def remove_older_than(con, cutoff: dt.date, who: str) -> dict[str, int]:
    """Delete responses (with their answers) and activities dated before `cutoff`; return counts removed."""
    removed = {}
    with transaction(con):
        for table, _, _, delete in RETENTION_STEPS:
            removed[table] = con.execute(delete, {"cutoff": cutoff}).fetchone()[0]
            if table == "responses":  # a load's list of its responses must not name a removed one
                con.execute("delete from upload_responses where response_id not in (select response_id from responses)")
        cells.rebuild(con)  # the counted cells follow the rows removed
        # Undo copies (migration 070) of activities past the period go too, so undoing a load cannot bring them back.
        con.execute(
            "delete from undo_activity_attendance where activity_id in "
            "(select activity_id from undo_activities where activity_date < $cutoff)",
            {"cutoff": cutoff},
        )
        con.execute("delete from undo_activities where activity_date < $cutoff", {"cutoff": cutoff})
        summary = ", ".join(f"{count} {table}" for table, count in removed.items())
        audit.record(con, who, "retention", f"Removed data dated before {cutoff:%d %b %Y}: {summary}")
    return removed


def backup_bytes(source: Path) -> bytes:
    """Return a consistent copy of the database as bytes (for a download): backup_database into a temporary file."""
    with tempfile.TemporaryDirectory(prefix="impact-backup-") as folder:
        return backup_database(source, Path(folder) / "backup.duckdb").read_bytes()
