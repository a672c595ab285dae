"""The command line's side of issue 11: mapping profiles (use, save, export, import), dry runs, and every failure
said in one sentence rather than a traceback.

The heavy modules are imported where they are used, so `python -m pipelines --help` and `history` answer at once."""

import getpass
from pathlib import Path

from impact import config


def failure_sentence(args, error: Exception, file_name: str | None = None) -> str:
    """Return one plain sentence for a failure that reached the command line."""
    import duckdb

    from pipelines import profiles
    from pipelines.read import UnreadableFile

    subject = f"{file_name} could not be loaded" if file_name else f"The {args.command} command did not finish"
    if isinstance(error, profiles.BadProfile | UnreadableFile | ValueError):
        return f"{subject}: {error} Nothing from it has been saved."
    if isinstance(error, OSError):
        return f"{subject}: the file could not be read or written ({error.strerror or error}). Nothing was saved."
    if isinstance(error, duckdb.Error):
        return f"{subject}: the database refused it ({str(error).splitlines()[0]}). Nothing was saved; retry later."
    return (
        f"{subject}: something unexpected went wrong ({type(error).__name__}). Nothing was saved; "
        "please send the file to the team that supports the dashboard."
    )


def profile_for(path: Path | None, survey: str, content: bytes, file_name: str):
    """Return the profile (pipelines.profiles.Profile) in the YAML file given for this survey and the file's layout
    (None if no file given)."""
    from pipelines import profiles
    from pipelines.surveys import read_export_file

    if path is None or survey not in config.SURVEYS:
        return None
    found = profiles.read_yaml(path.read_text(encoding="utf-8"))
    headers = [c for c in read_export_file(content, file_name).frame.columns if c != "row_number"]
    chosen = profiles.choose(found, survey, profiles.layout_key(headers))
    if chosen is None:
        raise profiles.BadProfile(f"{path.name} has no profile for the {config.SURVEYS[survey]}.")
    return chosen


def questions_to_ask(prepared) -> list[str]:
    """Return what the officer would be asked before this file loads (empty when it loads with no questions)."""
    review = prepared.review
    asks = [p.sentence() for p in prepared.file_problems]
    if review is None:
        return asks
    asks += [f"What is the column '{header}'? (a field, a question, or not needed)" for header in review.unknown]
    for question_id, answers in review.unrecognised.items():
        label = review.mapping.label(question_id) if review.mapping else question_id
        asks += [
            f"What does '{answer}' mean for '{label}'? (positive, negative, neutral or missing)" for answer in answers
        ]
    return asks


def dry_run(prepared) -> bool:
    """Print the report and the questions the file would raise; return True when it would not load as it is."""
    from pipelines import report

    for line in report.report_lines(prepared) if prepared.review else [p.sentence() for p in prepared.problems]:
        print("  " + line)
    asks = questions_to_ask(prepared)
    print(f"Dry run of {prepared.file_name}: nothing loaded. " + ("It would ask:" if asks else "It would ask nothing."))
    for ask in asks:
        print("  ? " + ask)
    return bool(asks) or bool(prepared.problems)


def remember_choices(con, prepared, result, args) -> None:
    """Save a profile for the file's layout when it loaded with choices given on the command line."""
    from pipelines import profiles

    review = prepared.review
    if result.status != "loaded" or review is None or not (args.profile or args.respondent_type):
        return
    base = review.profile or profiles.Profile(prepared.kind, review.layout_key)
    saved = profiles.Profile(
        survey=prepared.kind,
        layout_key=review.layout_key,
        columns=base.columns,
        answers=base.answers,
        respondent_type=review.respondent_type,
        headers=review.raw_headers,
    )
    profiles.save_profile(con, saved, getpass.getuser())  # who: the OS user, never a typed name
    print("  Mapping profile saved for this layout: the next export like it loads with no questions.")


def add_profiles_parser(commands) -> None:
    """Add `profiles export FILE` and `profiles import FILE` to the command line."""
    parser = commands.add_parser("profiles", help="export or import mapping profiles as YAML (to share a set)")
    action = parser.add_subparsers(dest="action", required=True)
    export = action.add_parser("export", help="write every saved profile (of one survey if given) to a YAML file")
    export.add_argument("target", type=Path)
    export.add_argument("--survey", choices=sorted(config.SURVEYS))
    imported = action.add_parser("import", help="save the profiles in a YAML file, each for its survey and layout")
    imported.add_argument("source", type=Path)


def profiles_command(con, args) -> int:
    """Run `profiles export` or `profiles import`; return the exit code."""
    from pipelines import profiles

    if args.action == "export":
        found = profiles.all_profiles(con, args.survey)
        args.target.write_text(profiles.to_yaml(found), encoding="utf-8")
        print(f"Wrote {len(found)} mapping profile{'s' if len(found) != 1 else ''} to {args.target}")
        return 0
    found = profiles.read_yaml(args.source.read_text(encoding="utf-8"))
    for profile in found:
        profiles.save_profile(con, profile, getpass.getuser())
    print(f"Saved {len(found)} mapping profile{'s' if len(found) != 1 else ''} from {args.source}")
    return 0
