"""The survey half of the pipeline: read an export from any tool, map, normalise and validate it for review,
then load the rows the officer chose. `pipelines.ingest.prepare/commit` call these for survey kinds."""

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from impact import config
from pipelines import load
from pipelines.formats import Export, flatten
from pipelines.mapping import (
    FIELD_NAMES,
    IGNORE,
    NUMBERING,
    Mapping,
    add_optional_columns,
    detect_survey,
    load_mapping,
    map_columns,
    with_saved,
)
from pipelines.normalise import normalise_export, scale_wordings
from pipelines.read import UnreadableFile, read_table
from pipelines.redact import redact_free_text
from pipelines.validate import Problem, validate


@dataclass
class Review:
    """What the officer needs to see before confirming a survey file."""

    tool: str | None = None
    layout: str | None = None  # e.g. "a SurveyMonkey export with two header rows, read as a CSV file (...)"
    detected_survey: str | None = None
    survey_scores: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # how values were read, rows that are not responses
    identifying: list[str] = field(default_factory=list)
    metadata: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # columns the officer may map
    unknown_examples: dict[str, list[str]] = field(default_factory=dict)  # redacted answers, to help map
    similar: dict[str, tuple[str, float]] = field(default_factory=dict)
    wave: str | None = None
    waves_in_file: list[str] = field(default_factory=list)
    raw: pd.DataFrame | None = None  # recognised columns as the file gave them (free text redacted)
    mapping: Mapping | None = None
    known_ids: set[str] = field(default_factory=set)  # responses already loaded from an earlier export
    rows_read: int = 0
    raw_headers: list[str] = field(default_factory=list)  # the file's columns, flattened, in order


def survey_mapping(con, survey: str) -> Mapping:
    """Return a survey's YAML mapping with the officer's saved choices and added questions."""
    return with_saved(load_mapping(survey), load.saved_choices(con, survey), load.added_questions(con, survey))


def read_export_file(content: bytes, file_name: str) -> Export:
    """Return the export flattened to one header per column (raises UnreadableFile with one sentence)."""
    return flatten(read_table(content, file_name), file_name)


def detect(con, content: bytes, file_name: str) -> tuple[Export | None, str | None, str | None]:
    """Return (export, detected survey, why unreadable) without validating: quick enough for every upload."""
    try:
        export = read_export_file(content, file_name)
    except UnreadableFile as error:
        return None, None, str(error)
    headers = [c for c in export.frame.columns if c != "row_number"]
    mappings = {survey: survey_mapping(con, survey) for survey in config.SURVEYS}
    survey, _ = detect_survey(headers, file_name, mappings)
    return export, survey, None


def prepare_survey(con, prepared, content: bytes, wave: str | None = None):
    """Fill `prepared` (a pipelines.ingest.Prepared) with the file read, normalised and validated for review."""
    review = prepared.review = Review()
    try:
        export = read_export_file(content, prepared.file_name)
    except UnreadableFile as error:
        prepared.problems = [Problem("file", str(error), 0)]
        return prepared
    review.tool, review.rows_read = export.tool, len(export.frame)
    review.raw_headers = [c for c in export.frame.columns if c != "row_number"]
    review.layout = f"{export.describe()}, read as {export.table.describe()}"
    review.notes += [f"Row {row} is {why}: it was not read." for row, why in export.skipped]
    mappings = {survey: survey_mapping(con, survey) for survey in config.SURVEYS}
    review.detected_survey, review.survey_scores = detect_survey(review.raw_headers, prepared.file_name, mappings)
    mapping = review.mapping = mappings[prepared.kind]
    mapped = map_columns(export.frame, mapping)
    prepared.matched, prepared.unmatched = mapped.matched, mapped.unmatched
    review.identifying, review.metadata, review.ignored = mapped.identifying, mapped.metadata, mapped.ignored
    review.unknown, review.similar = mapped.unknown, mapped.similar
    review.unknown_examples = {h: _examples(export.frame[h]) for h in mapped.unknown}
    if wrong := _wrong_survey(prepared, mapped.matched, mapping, review.detected_survey, review.survey_scores):
        prepared.problems = [Problem("file", wrong, 0)]
        return prepared
    normalised = normalise_export(mapped, mapping)
    frame = add_optional_columns(normalised.frame, mapping)
    review.notes = normalised.notes + review.notes
    review.raw = _as_given(mapped.frame, mapped.matched, mapping)
    review.waves_in_file = sorted(w for w in frame["wave"].dropna().unique()) if "wave" in frame else []
    review.wave = wave or _usual_wave(frame)
    prepared.frame = frame
    candidates = frame[frame["flag"].isna()]
    prepared.problems = _ragged(export) + validate(
        candidates, prepared.kind, _wave_parameters(review.wave), _labels(mapping), _added_expectations(mapping)
    )
    ids = candidates["source_response_id"].dropna().astype(str).tolist()
    review.known_ids = load.known_response_ids(con, mapping.name, ids) if ids else set()
    return prepared


def commit_survey(con, prepared, loaded_by: str, load_good_rows: bool) -> tuple[str, str, load.LoadResult | None]:
    """Load the good rows when there is nothing wrong or the officer chose to; return (status, message, result)."""
    label = config.SURVEYS[prepared.kind]
    rejected, flagged = prepared.rejected_rows, prepared.flagged_rows
    if prepared.file_problems or prepared.frame is None:
        return "rejected", f"{prepared.file_name} was not loaded: {prepared.file_problems[0].sentence()}", None
    if rejected and not load_good_rows:
        return "rejected", _rows_message(prepared, rejected), None
    good = prepared.good_frame
    if good.empty:
        return "rejected", f"{prepared.file_name} was not loaded: none of its rows can be loaded.", None
    load.sync_catalogue(con)
    result = load.load_survey(
        con,
        good,
        prepared.review.mapping,
        prepared.file_name,
        prepared.sha256,
        loaded_by,
        rows_in_file=prepared.review.rows_read,
        tool=prepared.review.tool,
        rows_rejected=len(rejected),
        rows_flagged=len(flagged),
    )
    message = f"Loaded {result.rows_loaded} responses from {prepared.file_name} as {label}."
    if result.rows_skipped:
        message += f" {result.rows_skipped} were already loaded from an earlier export and were skipped."
    if rejected:
        message += f" {len(rejected)} rows with problems were left out."
    if flagged:
        message += f" {len(flagged)} test or repeated responses were left out."
    return "loaded", message, result


def _rows_message(prepared, rejected: list[int]) -> str:
    good = len(prepared.good_frame)
    bad = "1 row has" if len(rejected) == 1 else f"{len(rejected)} rows have"
    good_rows = "the 1 good row" if good == 1 else f"the {good} good rows"
    return (
        f"{prepared.file_name} was not loaded: {bad} problems. Fix them and upload the file "
        f"again, or choose to load {good_rows} and leave the others out."
    )


def _wrong_survey(prepared, matched: dict, mapping: Mapping, detected: str | None, scores: dict) -> str | None:
    """Return one sentence when the file is plainly another survey's export, else None."""
    label = config.SURVEYS[prepared.kind]
    other = detected if detected and detected != prepared.kind else None
    if not set(matched.values()) & set(mapping.questions):
        sentence = f"{prepared.file_name} does not look like a {label} export: none of its columns match its questions."
    elif other and scores.get(prepared.kind, 0) * 2 <= scores[other]:
        sentence = f"{prepared.file_name} does not look like a {label} export: few of its columns match its questions."
    else:
        return None
    if other:
        sentence += f" It looks like a {config.SURVEYS[other]} export: choose that survey instead."
    return sentence


def _ragged(export: Export) -> list[Problem]:
    if not export.ragged_rows:
        return []
    rule = "more values than the file has column headings (an answer containing a comma may have lost its quotes)"
    rows = export.ragged_rows
    return [Problem("whole row", rule, len(rows), rows)]


def _usual_wave(frame: pd.DataFrame) -> str | None:
    """Return the UK financial year most responses fall in (the later one on a tie)."""
    waves = Counter(frame.loc[frame["flag"].isna(), "wave"].dropna()) if "wave" in frame else Counter()
    if not waves:
        return None
    most = max(waves.values())
    return max(w for w, n in waves.items() if n == most)


def _wave_parameters(wave: str | None) -> dict:
    if not wave:
        return {}
    start = int(wave[:4])
    return {"wave_start": f"{start}-04-01T00:00:00", "wave_end": f"{start + 1}-03-31T23:59:59", "wave_label": wave}


def _labels(mapping: Mapping) -> dict[str, str]:
    return {qid: q["text"] for qid, q in mapping.questions.items()}


def _added_expectations(mapping: Mapping) -> list[dict]:
    """Return allowed-answer rules for questions added in the app (the stored suites know only the YAML ones)."""
    rules = []
    for question_id, question in mapping.questions.items():
        if question_id.startswith("added_") and question["scale"] in ("agree5", "yesno", "useful5"):
            allowed = sorted(set(scale_wordings(question["scale"]).values()))
            rules.append(
                {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": question_id, "value_set": allowed}}
            )
    return rules


def _as_given(mapped: pd.DataFrame, matched: dict[str, str], mapping: Mapping) -> pd.DataFrame:
    """Return the recognised columns under their headers in the file, free text redacted: for rejected rows."""
    raw = mapped.rename(columns={target: header for header, target in matched.items()})
    for header, target in matched.items():
        if mapping.questions.get(target, {}).get("scale") == "text":
            raw[header] = raw[header].map(redact_free_text)
    return raw


def _examples(column: pd.Series, count: int = 3) -> list[str]:
    values = [v for v in column.dropna().unique()[:count]]
    return [str(redact_free_text(v))[:60] for v in values]


NEW_QUESTION = "new:"
ANSWER_TYPES = {
    "agree5": "agree-disagree scale (strongly disagree to strongly agree)",
    "yesno": "yes or no",
    "useful5": "rating from 1 to 5",
    "choice": "one choice from a list",
    "several": "several choices from a list",
    "text": "free text (names, emails and phone numbers removed)",
}


def column_choices(mapping: Mapping, taken: set[str]) -> dict[str, str]:
    """Return what an unrecognised column can be mapped to (value -> label), fields first, then questions."""
    choices = {f: f"Respondent field: {FIELD_NAMES.get(f, f)}" for f in mapping.fields if f not in taken}
    choices |= {q: f"Question: {item['text']}" for q, item in mapping.questions.items() if q not in taken}
    for scale, text in ANSWER_TYPES.items():
        choices[f"{NEW_QUESTION}{scale}"] = f"A new question, answered with {text}"
    choices[IGNORE] = "Not needed: do not store it"
    return choices


def save_column_choice(con, survey: str, header: str, choice: str, saved_by: str) -> str:
    """Save what a column is for every later export of the survey, adding the question if it is new; return it."""
    if choice.startswith(NEW_QUESTION):
        text = NUMBERING.sub("", header.strip())
        if text.endswith("]") and "[" in text:
            text = text.rsplit("[", 1)[1].rstrip("]")  # a grid statement names the question
        choice = load.add_question(con, survey, text, choice.removeprefix(NEW_QUESTION), saved_by)
    load.save_choice(con, survey, header, choice, saved_by)
    return choice
