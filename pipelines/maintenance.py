"""Backup, restore and retention: the operations an information governance lead asks about."""

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb

from impact.store import audit, db
from impact.store.writer import transaction

# Tables that hold what people said or did, by the column that dates each row.
PERSONAL_TABLES = {"responses": "submitted_at", "activities": "activity_date"}


def backup_database(source: Path, target: Path) -> Path:
    """Write a consistent copy of the database to `target` (a new file) and return its path."""
    if target.exists():
        raise FileExistsError(f"{target} already exists; choose a new file name for the backup.")
    con = duckdb.connect()
    try:
        con.execute("attach ? as source (read_only)", [str(source)])
        con.execute("attach ? as backup", [str(target)])
        con.execute("copy from database source to backup")
        con.execute("detach backup")
    finally:
        con.close()
    return target


def restore_database(backup: Path, target: Path) -> None:
    """Replace the database at `target` with a backup, after checking the backup opens and has a schema."""
    check = duckdb.connect(str(backup), read_only=True)
    try:
        check.execute("select count(*) from schema_migrations").fetchone()
    except duckdb.Error as error:
        raise ValueError(f"{backup} is not a SEND Impact Monitor backup: {error}") from error
    finally:
        check.close()
    staging = target.with_name(target.name + ".restoring")
    shutil.copy(backup, staging)
    os.replace(staging, target)  # atomic: readers see the old file or the restored one, never a mix
    con = db.connect(target)
    with transaction(con):
        audit.record(con, "command line", "restore", f"Restored from {backup.name}")
    con.close()


def remove_older_than(con, cutoff: dt.date, who: str) -> dict[str, int]:
    """Delete responses (with their answers) and activities dated before `cutoff`; return counts removed."""
    removed = {}
    with transaction(con):
        removed["answers"] = con.execute(
            "delete from answers where response_id in (select response_id from responses where submitted_at < ?)",
            [cutoff],
        ).fetchone()[0]
        removed["responses"] = con.execute("delete from responses where submitted_at < ?", [cutoff]).fetchone()[0]
        removed["activity attendance"] = con.execute(
            "delete from activity_attendance where activity_id in "
            "(select activity_id from activities where activity_date < ?)",
            [cutoff],
        ).fetchone()[0]
        removed["activities"] = con.execute("delete from activities where activity_date < ?", [cutoff]).fetchone()[0]
        summary = ", ".join(f"{count} {table}" for table, count in removed.items())
        audit.record(con, who, "retention", f"Removed data dated before {cutoff:%d %b %Y}: {summary}")
    return removed
