"""Command line: `python -m pipelines ingest --survey big_bang FILE` and `python -m pipelines samples`."""

import argparse
import getpass
import sys
from pathlib import Path

from impact import config, db
from pipelines.ingest import KINDS, ingest
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
    args = parser.parse_args(argv)

    if args.command == "samples":
        path = args.db or config.database_path()
        loaded = build_sample_database(path)
        print(f"Built {path} from the sample data: " + ", ".join(f"{k} {v}" for k, v in loaded.items()))
        return 0
    con = db.connect()
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


if __name__ == "__main__":
    sys.exit(main())
