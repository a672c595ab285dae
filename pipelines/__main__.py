"""Command line: `python -m pipelines ingest --survey big_bang FILE`, `history`, `remove N`, `samples`, `profiles`
and `board-pack --quarter 2026-27-Q2 --out pack.pdf`.

Every failure is one plain sentence: no input of any kind ends in a traceback."""

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

from impact import config
from pipelines import cli_mapping
from pipelines.kinds import KINDS

# Everything else is imported by the command that needs it: `--help` and `history` answer at once, only a load pays
# for pandas and Great Expectations, and a load starts its validation worker before even DuckDB is imported.


def main(argv: list[str] | None = None) -> int:
    """Run the command and return the process exit code (1 when a file is rejected, 2 when something failed)."""
    args = _parser().parse_args(argv)
    _typed_names_ignored(args)
    try:
        return _run(args)
    except Exception as error:  # the officer gets one sentence, never a traceback
        from impact.store import db
        from pipelines.maintenance import DatabaseInUse

        if isinstance(error, db.DatabaseBusy | DatabaseInUse):
            # The dashboard holds the file only while it reads or writes: a long load or another tool has it.
            print(error)
        else:
            print(cli_mapping.failure_sentence(args, error))
        return 2


def _run(args) -> int:
    """Run the parsed command, holding the database only for each read or write."""
    if args.command == "ingest":
        return _ingest(args)
    from impact.store import db

    if args.command == "samples":
        return _samples(args)
    if args.command in ("backup", "restore", "retention"):
        return maintain(args)
    if args.command == "history":
        with db.reading() as con:
            return _history(con)
    if args.command == "remove":
        with db.writing() as con:
            return _remove(con, args.upload_id, operator())
    if args.command == "board-pack":
        with db.reading() as con:
            return _board_pack(con, args)
    if args.command == "profiles":
        with db.writing() as con:
            return cli_mapping.profiles_command(con, args)
    return _ingest(args)


def operator() -> str:
    """Return who runs the command, for the audit log: the operating system user, never a typed name."""
    return getpass.getuser()


def _typed_names_ignored(args) -> None:
    for option in ("loaded_by", "removed_by"):
        if getattr(args, option, None):
            flag = "--" + option.replace("_", "-")
            print(f"{flag} is no longer used: the audit log records the operating system user ({operator()}).")


def _samples(args) -> int:
    from pipelines.maintenance import backup_database
    from pipelines.samples import build_sample_database, loads_in

    path = Path(args.db or config.database_path())
    held = loads_in(path)
    if held and not args.force:
        print(
            f"{path} already holds data ({held} loads); nothing was changed. To replace it with the sample data, "
            "run `python -m pipelines samples --force`: a backup of it is taken first."
        )
        return 1
    if held:
        backup = backup_database(path, path.with_name(f"{path.stem}.backup-{dt.datetime.now():%Y%m%d-%H%M%S}.duckdb"))
        print(f"Backed up {path} to {backup}")
    loaded = build_sample_database(path)
    print(f"Built {path} from the sample data: " + ", ".join(f"{k} {v}" for k, v in loaded.items()))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipelines", description="Load data into SEND Impact Monitor.")
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("ingest", help="validate and load one or more export files")
    kind = load.add_mutually_exclusive_group(required=True)
    kind.add_argument("--survey", choices=[*sorted(config.SURVEYS), "auto"], help="auto: tell from the questions")
    kind.add_argument("--input", choices=sorted(set(KINDS) - set(config.SURVEYS)), help="a non-survey input")
    load.add_argument(
        "--wave",
        help='the wave\'s name, e.g. "Big Bang 2025" (default: the survey and the year most responses were given)',
    )
    load.add_argument(
        "--respondent-type",
        help="who answered, for a file with no 'I am a...' column: young_person, parent_carer or professional",
    )
    load.add_argument(
        "--profile", type=Path, help="a mapping profile (YAML) to read the file with; saved for its layout"
    )
    load.add_argument(
        "--dry-run", action="store_true", help="report what would load and what it would ask; load nothing"
    )
    load.add_argument(
        "--load-good-rows", action="store_true", help="load the rows that pass and leave out rows with problems"
    )
    load.add_argument(
        "--replaces", type=int, help="a non-survey file only: the load it replaces (its records it lacks are removed)"
    )
    load.add_argument("--rejected-csv", type=Path, help="write the rows left out, with why, to this CSV file")
    load.add_argument(
        "--max-mb", type=int, help=f"accept files up to this size for this run (default {config.MAX_UPLOAD_MB})"
    )
    load.add_argument(
        "--max-cells", type=int, help=f"accept files with up to this many values (default {config.MAX_CELLS:,})"
    )
    load.add_argument("--loaded-by", help=argparse.SUPPRESS)  # no longer used: who is the OS user
    load.add_argument("files", nargs="+", type=Path)
    cli_mapping.add_profiles_parser(commands)
    commands.add_parser("history", help="list every load, newest first")
    remove = commands.add_parser("remove", help="remove one load: exactly what it added, with what it replaced back")
    remove.add_argument("upload_id", type=int)
    remove.add_argument("--removed-by", help=argparse.SUPPRESS)  # no longer used: who is the OS user
    pack = commands.add_parser("board-pack", help="write the SEND Board pack for a quarter (PDF, Word, easy read)")
    pack.add_argument("--quarter", required=True, help="UK financial quarter, e.g. 2026-27-Q2 or '2026-27 Q2'")
    pack.add_argument("--out", type=Path, required=True, help="the PDF to write, e.g. pack.pdf")
    pack.add_argument("--docx", type=Path, help="also write the pack as an editable Word document")
    pack.add_argument("--easy-read", type=Path, help='also write the easy read "You told us, we did" (PDF)')
    samples = commands.add_parser("samples", help="(re)build the sample database from data/samples")
    samples.add_argument("--db", type=Path, default=None, help="where to build it (default: SEND_IMPACT_DB)")
    samples.add_argument("--force", action="store_true", help="replace a database that holds data (backed up first)")
    backup = commands.add_parser("backup", help="write a consistent copy of the database to a new file")
    backup.add_argument("target", type=Path)
    restore = commands.add_parser("restore", help="replace the database with a backup (refused while it is open)")
    restore.add_argument("backup", type=Path)
    retention = commands.add_parser("retention", help="remove responses and activities older than the period")
    retention.add_argument("--months", type=int, help="default: the retention period set by an admin, else 72")
    retention.add_argument("--preview", action="store_true", help="say what would be removed; remove nothing")
    return parser


def _ingest(args) -> int:
    from pipelines import validation_worker

    # Great Expectations is imported (seconds) by a worker process while this one reads and normalises the files:
    # started first, before this process imports pandas.
    worker = None if "great_expectations" in sys.modules else validation_worker.start()
    from pipelines.validate import in_worker

    with in_worker(worker):
        return _ingest_files(args)


def _ingest_files(args) -> int:
    from impact.domain.downloads import csv_bytes
    from impact.store import db
    from pipelines import report
    from pipelines.ingest import commit, prepare
    from pipelines.load import find_upload
    from pipelines.maintenance import DatabaseInUse
    from pipelines.read import UnreadableFile, read_path
    from pipelines.surveys import detect

    _raise_limits(args)
    failed = False
    for path in args.files:
        try:
            content, _ = read_path(path)
        except UnreadableFile as error:
            print(f"{error} Nothing from it has been saved.")
            failed = True
            continue
        except OSError as error:  # gone, a folder, or not allowed: one sentence, and the other files still load
            print(cli_mapping.failure_sentence(args, error, path.name))
            failed = True
            continue
        kind = args.survey or args.input
        try:
            # Checking a file takes seconds: it reads alongside the dashboard, and only the load itself writes.
            with db.reading() as con:
                if kind == "auto":
                    _, kind, unreadable = detect(con, content, path.name)
                if kind is not None:
                    profile = cli_mapping.profile_for(args.profile, kind, content, path.name)
                    # Its checks may still run beside while it loads (prepare's load_while_checking).
                    who, wave = args.respondent_type, args.wave
                    prepared = prepare(con, content, path.name, kind, wave, who, profile, load_while_checking=True)
            content = None  # a large file's bytes need not stay in memory while it loads
            if kind is None:
                print(unreadable or f"{path.name}: could not tell which survey this is; give --survey.")
                failed = True
                continue
            if args.dry_run:
                prepared.settle()
                failed |= cli_mapping.dry_run(prepared)
                continue
            with db.writing() as con:
                # Another load may have finished while this one was being checked: look again under the lock.
                prepared.earlier_load = prepared.earlier_load or find_upload(con, prepared.sha256)
                result = commit(con, prepared, operator(), args.load_good_rows, args.replaces)
                prepared.settle()  # already, unless nothing was loaded (a file loaded before)
                cli_mapping.remember_choices(con, prepared, result, args)
        except (db.DatabaseBusy, DatabaseInUse):
            raise
        except Exception as error:  # one file's failure is one sentence, and the other files still load
            print(cli_mapping.failure_sentence(args, error, path.name))
            failed = True
            continue
        print(result.message)
        if prepared.review is not None:
            for line in report.report_lines(prepared):
                print("  " + line)
            if args.rejected_csv and prepared.frame is not None:
                args.rejected_csv.write_bytes(csv_bytes(report.left_out_rows(prepared)))
                print(f"  Rows left out written to {args.rejected_csv}")
        else:
            if prepared.unmatched:
                print("  Columns not recognised (not stored): " + ", ".join(prepared.unmatched))
            for problem in prepared.problems:
                print("  - " + problem.sentence())
        failed |= result.status == "rejected"
    return 1 if failed else 0


def _raise_limits(args) -> None:
    """Take larger files for this run only: the Upload page keeps its safe defaults."""
    if args.max_mb:
        config.MAX_UPLOAD_MB = args.max_mb
        config.MAX_UNZIPPED_MB = 10 * args.max_mb
    if args.max_cells:
        config.MAX_CELLS = args.max_cells


def _history(con) -> int:
    from impact.store.load_history import upload_history

    history = upload_history(con)
    print(history.to_string(index=False) if not history.empty else "Nothing has been loaded yet.")
    return 0


def _remove(con, upload_id: int, removed_by: str) -> int:
    from pipelines.changes import RECORDS
    from pipelines.load import kept_sentence, remove_upload, sharing_loads
    from pipelines.record_loads import undo_load

    kind = con.execute("select kind from uploads where upload_id = ?", [upload_id]).fetchone()
    if kind and kind[0] in RECORDS:  # actions, updates, activities, audit, feedback, baselines: undone exactly
        try:
            print(undo_load(con, upload_id, removed_by))
        except ValueError as error:
            print(error)
            return 1
        return 0
    shared = sharing_loads(con, upload_id)
    try:
        removed = remove_upload(con, upload_id, removed_by)
    except ValueError as error:
        print(error)
        return 1
    print(f"Removed load {upload_id}: {removed} responses and their answers{kept_sentence(*shared)}.")
    return 0


def _board_pack(con, args) -> int:
    # The pack sits above the views it reuses (impact.reports): imported here only, like app.py imports pages.
    from impact.reports.cli import write_board_pack
    from impact.store import settings

    settings.apply(con)  # an admin's thresholds hold for the pack as for the pages
    try:
        for line in write_board_pack(con, args.quarter, args.out, args.docx, args.easy_read):
            print(line)
    except ValueError as error:
        print(error)
        return 1
    return 0


def maintain(args) -> int:
    """Run backup, restore or retention on the configured database."""
    from pipelines.maintenance import backup_database, restore_database

    path = config.database_path()
    if args.command == "backup":
        print(f"Backed up {path} to {backup_database(path, args.target)}")
    elif args.command == "restore":
        kept = restore_database(args.backup, path, operator())
        print(f"Restored {path} from {args.backup}" + (f"; the file it replaced is kept as {kept}" if kept else ""))
    else:
        return _retention(args)
    return 0


def _retention(args) -> int:
    from impact.store import db, settings
    from pipelines.maintenance import remove_older_than, retention_cutoff, retention_preview

    with db.reading() as con:
        settings.apply(con)  # the retention period an admin saved
        months = args.months or config.RETENTION_MONTHS
        cutoff = retention_cutoff(months)
        if args.preview:
            effects = retention_preview(con, cutoff)
    if args.preview:
        print(f"Would remove data dated before {cutoff:%d %b %Y} ({months} months); nothing was removed:")
        for effect in effects:
            oldest = f", the oldest dated {effect.oldest:%d %b %Y}" if effect.oldest else ""
            print(f"  {effect.rows} {effect.table}{oldest}")
        return 0
    with db.writing() as con:
        removed = remove_older_than(con, cutoff, who=operator())
    print(
        f"Removed data dated before {cutoff:%d %b %Y} ({months} months): "
        + ", ".join(f"{count} {table}" for table, count in removed.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
