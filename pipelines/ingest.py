"""The whole pipeline for one file: read, map, normalise, validate, then load in one transaction."""

from concurrent.futures import Future
from dataclasses import dataclass, field

import pandas as pd

from impact import config
from pipelines import record_loads, surveys
from pipelines.kinds import KINDS  # noqa: F401 (callers import it from here too)
from pipelines.load import LoadResult, find_upload
from pipelines.mapping import add_optional_columns, load_mapping, map_columns
from pipelines.read import UnreadableFile, file_sha256, read_export
from pipelines.tables import normalise_table
from pipelines.validate import Problem, validate


@dataclass
class Prepared:
    """A file read, normalised and validated, not yet loaded."""

    kind: str
    file_name: str
    sha256: str
    frame: pd.DataFrame | None = None
    problems: list[Problem] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    matched: dict[str, str] = field(default_factory=dict)
    earlier_load: tuple | None = None
    review: surveys.Review | None = None  # surveys only: what was detected, notes, columns, wave
    checking: Future | None = None  # checks still running beside (prepare's load_while_checking)

    def settle(self) -> None:
        """Wait for the checks still running beside (raising what they raised): problems are then complete."""
        if self.checking is not None:
            self.checking.result()
            self.checking = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None

    @property
    def file_problems(self) -> list[Problem]:
        """Return problems with the file as a whole (no rows named): nothing in it can be loaded."""
        return [p for p in self.problems if not p.rows]

    @property
    def rejected_rows(self) -> list[int]:
        """Return the numbers of rows that failed a rule (row-level problems), in file order."""
        return sorted({row for problem in self.problems for row in problem.rows})

    @property
    def flagged_rows(self) -> list[int]:
        """Return the numbers of rows that are test responses or repeated submissions."""
        if self.frame is None or "flag" not in self.frame:
            return []
        return self.frame.loc[self.frame["flag"].notna(), "row_number"].astype(int).tolist()

    @property
    def good_frame(self) -> pd.DataFrame:
        """Return the rows that would load: not flagged, not rejected."""
        return self.frame_without(self.rejected_rows)

    def frame_without(self, rejected: list[int]) -> pd.DataFrame:
        """Return the rows that load when these rows are rejected: the others, less the flagged ones."""
        left_out = set(rejected) | set(self.flagged_rows)
        return self.frame[~self.frame["row_number"].isin(left_out)] if left_out else self.frame


@dataclass
class IngestResult:
    status: str  # loaded, rejected, already_loaded
    message: str
    prepared: Prepared
    load: LoadResult | None = None


def prepare(
    con,
    content: bytes,
    file_name: str,
    kind: str,
    wave: str | None = None,
    respondent_type: str | None = None,
    profile=None,
    *,
    load_while_checking: bool = False,
) -> Prepared:
    """Return the file read, mapped, normalised and validated, with every problem found.

    For a survey, `wave` names its collection window ("Big Bang 2025"; by default the survey and the year most
    responses were given in): a response is never refused for its date's financial year. `respondent_type` says
    who answered, for a file with no "I am a..." column; `profile` (a pipelines.profiles.Profile) the officer's
    choices for the file's layout, else the profile saved for it is used.

    With `load_while_checking` (the command line, validating in a worker process: validate.in_worker), a survey's
    Great Expectations checks may still be running when this returns: commit() loads meanwhile and keeps the load
    only if they find nothing; read the problems only after commit() or settle()."""
    if kind not in KINDS:
        raise ValueError(f"Unknown input '{kind}'; choose one of {', '.join(KINDS)}.")
    prepared = Prepared(kind, file_name, file_sha256(content))
    prepared.earlier_load = find_upload(con, prepared.sha256)
    if kind in config.SURVEYS:
        surveys.prepare_survey(con, prepared, content, wave, respondent_type, profile)
        if not load_while_checking:
            prepared.settle()
        return prepared
    try:
        raw = read_export(content, file_name)
    except UnreadableFile as error:
        prepared.problems = [Problem("file", str(error), 0)]
        return prepared
    mapping = load_mapping(kind)
    mapped = map_columns(raw, mapping)
    prepared.matched, prepared.unmatched = mapped.matched, mapped.unmatched
    if wrong_kind := _looks_wrong(mapped.matched, mapping, file_name, kind):
        prepared.problems = [Problem("file", wrong_kind, 0)]
        return prepared
    frame = normalise_table(mapped.frame, kind)
    frame = add_optional_columns(frame, mapping)
    parameters = {"known_actions": _known_actions(con)} if kind in ("action_updates", "feedback_loop") else {}
    prepared.frame = frame
    labels = {qid: q["text"] for qid, q in mapping.questions.items()}
    prepared.problems = validate(frame, kind, parameters, labels)
    return prepared


def commit(
    con,
    prepared: Prepared,
    loaded_by: str,
    load_good_rows: bool = False,
    replaces: int | None = None,
    *,
    catalogue: bool = True,
) -> IngestResult:
    """Load a prepared file if it passed validation and has not been loaded before.

    A file whose only problems are in some rows loads its good rows when `load_good_rows` is set; a non-survey
    file may replace an earlier load of the same input (`replaces`, its load number). `catalogue=False` leaves the
    question catalogue as it is (the sample build writes it once for all its files)."""
    if prepared.earlier_load:
        upload_id, name, when = prepared.earlier_load
        message = f"{prepared.file_name} was already loaded as {name} on {when:%d %b %Y %H:%M}; nothing loaded."
        return IngestResult("already_loaded", message, prepared)
    if prepared.kind in config.SURVEYS:
        status, message, result = surveys.commit_survey(con, prepared, loaded_by, load_good_rows, catalogue=catalogue)
        return IngestResult(status, message, prepared, result)
    # Other inputs: new, changed and unchanged records, a replaced load's records, undo (pipelines/record_loads.py).
    status, message, result = record_loads.commit_records(
        con, prepared, loaded_by, load_good_rows, replaces, catalogue=catalogue
    )
    return IngestResult(status, message, prepared, result)


def ingest(
    con,
    content: bytes,
    file_name: str,
    kind: str,
    loaded_by: str,
    load_good_rows: bool = False,
    wave=None,
    *,
    catalogue: bool = True,
) -> IngestResult:
    """Read, validate and load one file; a file with any problem loads nothing unless good rows are chosen."""
    prepared = prepare(con, content, file_name, kind, wave)
    return commit(con, prepared, loaded_by, load_good_rows, catalogue=catalogue)


def _looks_wrong(matched: dict[str, str], mapping, file_name: str, kind: str) -> str | None:
    targets = set(matched.values())
    if mapping.questions:
        if not targets & set(mapping.questions):
            return f"{file_name} does not look like a {KINDS[kind]} export: none of its columns match its questions."
    elif len(targets & set(mapping.required)) < len(mapping.required) / 2:
        return f"{file_name} does not look like a {KINDS[kind]} file: most of its required columns are missing."
    return None


def _known_actions(con) -> list[str]:
    return [row[0] for row in con.execute("select action_code from actions order by 1").fetchall()]
