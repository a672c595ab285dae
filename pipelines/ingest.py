"""The whole pipeline for one file: read, map, normalise, validate, then load in one transaction."""

from dataclasses import dataclass, field

import pandas as pd

from impact import config
from pipelines.load import LoadResult, find_upload, load_survey, load_table, sync_catalogue
from pipelines.mapping import load_mapping, map_columns
from pipelines.normalise import normalise_survey
from pipelines.read import UnreadableFile, file_sha256, read_export
from pipelines.tables import normalise_table
from pipelines.validate import Problem, validate

KINDS = {
    **config.SURVEYS,
    "actions": "Action plan (one row per action)",
    "action_updates": "Quarterly action updates",
    "activities": "Participation activities",
    "baseline": "Population baseline",
    "audit": "Participation audit (one row per service and priority)",
    "feedback_loop": "You said, we did",
}


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

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None


@dataclass
class IngestResult:
    status: str  # loaded, rejected, already_loaded
    message: str
    prepared: Prepared
    load: LoadResult | None = None


def prepare(con, content: bytes, file_name: str, kind: str) -> Prepared:
    """Return the file read, mapped, normalised and validated, with every problem found."""
    if kind not in KINDS:
        raise ValueError(f"Unknown input '{kind}'; choose one of {', '.join(KINDS)}.")
    prepared = Prepared(kind, file_name, file_sha256(content))
    prepared.earlier_load = find_upload(con, prepared.sha256)
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
    if kind in config.SURVEYS:
        frame = normalise_survey(mapped.frame, mapping)
    else:
        frame = normalise_table(mapped.frame, kind)
    frame = _add_optional_columns(frame, mapping)
    parameters = {"known_actions": _known_actions(con)} if kind in ("action_updates", "feedback_loop") else {}
    prepared.frame = frame
    labels = {qid: q["text"] for qid, q in mapping.questions.items()}
    prepared.problems = validate(frame, kind, parameters, labels)
    return prepared


def commit(con, prepared: Prepared, loaded_by: str) -> IngestResult:
    """Load a prepared file if it passed validation and has not been loaded before."""
    label = KINDS[prepared.kind]
    if prepared.earlier_load:
        upload_id, name, when = prepared.earlier_load
        message = f"{prepared.file_name} was already loaded as {name} on {when:%d %b %Y %H:%M}; nothing loaded."
        return IngestResult("already_loaded", message, prepared)
    if not prepared.ok:
        count = len(prepared.problems)
        message = f"{prepared.file_name} was not loaded: {count} problem{'s' if count != 1 else ''} to fix."
        return IngestResult("rejected", message, prepared)
    sync_catalogue(con)
    if prepared.kind in config.SURVEYS:
        result = load_survey(
            con, prepared.frame, load_mapping(prepared.kind), prepared.file_name, prepared.sha256, loaded_by
        )
    else:
        result = load_table(con, prepared.frame, prepared.kind, prepared.file_name, prepared.sha256, loaded_by)
    message = f"Loaded {result.rows_loaded} rows from {prepared.file_name} as {label}."
    if result.rows_skipped:
        message += f" {result.rows_skipped} responses were already loaded from an earlier export and were skipped."
    return IngestResult("loaded", message, prepared, result)


def ingest(con, content: bytes, file_name: str, kind: str, loaded_by: str) -> IngestResult:
    """Read, validate and load one file; a file with any problem loads nothing."""
    return commit(con, prepare(con, content, file_name, kind), loaded_by)


def _looks_wrong(matched: dict[str, str], mapping, file_name: str, kind: str) -> str | None:
    targets = set(matched.values())
    if mapping.questions:
        if not targets & set(mapping.questions):
            return f"{file_name} does not look like a {KINDS[kind]} export: none of its columns match its questions."
    elif len(targets & set(mapping.required)) < len(mapping.required) / 2:
        return f"{file_name} does not look like a {KINDS[kind]} file: most of its required columns are missing."
    return None


def _add_optional_columns(frame: pd.DataFrame, mapping) -> pd.DataFrame:
    # Expectations on optional columns need the column present, even if empty.
    optional = [f for f in [*mapping.fields, *mapping.questions] if f not in mapping.required]
    for name in optional:
        if name == "age" and "age_band" not in frame:
            frame["age_raw"], frame["age_unreadable"], frame["age_band"] = None, False, None
            frame["age_years"] = pd.array([None] * len(frame), dtype="Int64")
        elif name != "age" and name not in frame:
            frame[name] = None
    return frame


def _known_actions(con) -> list[str]:
    return [row[0] for row in con.execute("select action_code from actions order by 1").fetchall()]
