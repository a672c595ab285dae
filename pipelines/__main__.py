"""Command line: `python -m pipelines ingest --survey big_bang FILE` and `python -m pipelines samples`."""

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

import duckdb

from impact import config, db
from pipelines.ingest import KINDS, ingest
from pipelines.maintenance import backup_database, remove_older_than, restore_database
from pipelines.samples import build_sample_database


def main(argv: list[str] | None = None) -> int:
    """Run the command and return the process exit code (1 when a file is rejected)."""
    parser = argparse.ArgumentParser(prog="python -m pipelines", description="Load data into SEND Impact Monitor.")
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("ingest", help="validate and load one or more export files")
    kind = load.add_mutually_exclusive_group(required=True)
    kind.add_argument("--survey", choices=sorted(config.SURVEYS))
    kind.add_argument("--input", choices=sorted(set(KINDS) - set(config.SURVEYS)), help="a non-survey input")
    load.add_argument("files", nargs="+", type=Path)
    samples = commands.add_parser("samples", help="(re)build the sample database from data/samples")
    samples.add_argument("--db", type=Path, default=None, help="where to build it (default: SEND_IMPACT_DB)")
    backup = commands.add_parser("backup", help="write a consistent copy of the database to a new file")
    backup.add_argument("target", type=Path)
    restore = commands.add_parser("restore", help="replace the database with a backup (stop the app first)")
    restore.add_argument("backup", type=Path)
    retention = commands.add_parser("retention", help="remove responses and activities older than the period")
    retention.add_argument("--months", type=int, default=config.RETENTION_MONTHS)
    args = parser.parse_args(argv)
    if args.command in ("backup", "restore", "retention"):
        return maintain(args)

    if args.command == "samples":
        path = args.db or config.database_path()
        loaded = build_sample_database(path)
        print(f"Built {path} from the sample data: " + ", ".join(f"{k} {v}" for k, v in loaded.items()))
        return 0
    try:
        con = db.connect()
    except duckdb.IOException as error:
        # DuckDB lets one process write at a time; the dashboard holds the file while it runs.
        print(f"The database is in use by another process (probably the dashboard); retry when it is free. ({error})")
        return 2
    failed = False
    for path in args.files:
        result = ingest(con, path.read_bytes(), path.name, args.survey or args.input, loaded_by=getpass.getuser())
        print(result.message)
        if result.prepared.unmatched:
            print("  Columns not recognised (not stored): " + ", ".join(result.prepared.unmatched))
        for problem in result.prepared.problems:
            print("  - " + problem.sentence())
        failed |= result.status == "rejected"
    con.close()
    return 1 if failed else 0


def maintain(args) -> int:
    """Run backup, restore or retention on the configured database."""
    path = config.database_path()
    if args.command == "backup":
        print(f"Backed up {path} to {backup_database(path, args.target)}")
    elif args.command == "restore":
        restore_database(args.backup, path)
        print(f"Restored {path} from {args.backup}")
    else:
        cutoff = (dt.date.today() - relativedelta_months(args.months)).replace(day=1)
        con = db.connect()
        removed = remove_older_than(con, cutoff, who=getpass.getuser())
        con.close()
        print(
            f"Removed data dated before {cutoff:%d %b %Y} ({args.months} months): "
            + ", ".join(f"{count} {table}" for table, count in removed.items())
        )
    return 0


def relativedelta_months(months: int) -> dt.timedelta:
    """Return roughly `months` months as days; retention is counted in whole months from the 1st."""
    return dt.timedelta(days=round(months * 365.25 / 12))


if __name__ == "__main__":
    sys.exit(main())
