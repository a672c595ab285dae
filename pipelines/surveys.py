"""The survey half of the pipeline: read an export from any tool, map, normalise and validate it for review,
then load the rows the officer chose. `pipelines.ingest.prepare/commit` call these for survey kinds."""

from collections import Counter
from dataclasses import dataclass, field, replace

import pandas as pd

from impact import config
from pipelines import load, profiles, repairs, scales, vocabulary
from pipelines.distinct import map_values
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
from pipelines.normalise import normalise_export
from pipelines.read import UnreadableFile, read_table
from pipelines.redact import redact_free_text
from pipelines.validate import Problem, beside, validate


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
    wave: str | None = None  # the wave's name, e.g. "Big Bang survey 2025": a collection window, not a year
    waves_in_file: list[str] = field(default_factory=list)  # financial years the responses fall in
    first_response: object = None
    last_response: object = None
    respondent_type: str | None = None  # who answered, for a whole file with no "I am a..." column
    layout_key: str | None = None  # a hash of the file's headers: the key of its mapping profile
    profile: profiles.Profile | None = None  # the profile applied (given, or saved for this layout)
    scales: dict[str, str | None] = field(default_factory=dict)  # question -> scale its answers came on
    unrecognised: dict[str, list[str]] = field(default_factory=dict)  # question -> answers on no accepted scale
    raw: pd.DataFrame | None = None  # rows left out, recognised columns as the file gave them (free text redacted)
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


def prepare_survey(
    con, prepared, content: bytes, wave: str | None = None, respondent_type: str | None = None, profile=None
):
    """Fill `prepared` (a pipelines.ingest.Prepared) with the file read, normalised and validated for review.

    `wave` names the collection window (by default the survey and the year most responses were given in);
    `respondent_type` says who answered, for the whole file; `profile` (else the one saved for this survey and
    layout) gives the officer's earlier choices."""
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
    mapping = review.mapping = _officer_mapping(con, prepared.kind, mappings, review, respondent_type, profile)
    export.frame = _join_option_columns(export.frame, mapping, review)
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
    review.scales, review.unrecognised = normalised.scales, normalised.unrecognised
    if "source_response_id" in mapped.frame:
        width = load.zero_padded_id_width(con, mapping.name)
        frame["source_response_id"], note = repairs.leading_zeros(frame["source_response_id"], width)
        review.notes += [note] if note else []
    _name_wave(review, frame, wave, mapping.name)
    prepared.frame = frame
    unflagged = frame["flag"].isna()
    candidates = frame if unflagged.all() else frame[unflagged]  # a copy only when some rows are left out
    ids = candidates["source_response_id"].dropna().astype(str).tolist()
    review.known_ids = load.known_response_ids(con, mapping.name, ids) if ids else set()
    prepared.problems = _ragged(export)
    # The checks may run in a thread while this one loads the frame: they get their own view of it (pandas objects
    # keep caches that two threads must not share; the values themselves are only read).
    rules = (_labels(mapping), _answer_expectations(mapping, frame))
    prepared.checking = beside(_check, prepared, candidates.copy(deep=False), rules, prepared.flagged_rows, mapped)
    return prepared


def _check(prepared, candidates: pd.DataFrame, rules: tuple, flagged: list[int], mapped) -> None:
    """Validate the rows that may load, then keep the rows left out as the file gave them, for the officer."""
    labels, expectations = rules
    found = validate(candidates, prepared.kind, {}, labels, expectations)
    prepared.problems = prepared.problems + _who_answered(found)
    left_out = mapped.frame["row_number"].isin([*prepared.rejected_rows, *flagged])
    prepared.review.raw = _as_given(mapped.frame[left_out], mapped.matched, prepared.review.mapping)


class ProblemsFound(Exception):
    """The checks that ran beside a load found problems: the load is rolled back."""


def commit_survey(
    con, prepared, loaded_by: str, load_good_rows: bool, *, catalogue: bool = True
) -> tuple[str, str, load.LoadResult | None]:
    """Load the good rows when there is nothing wrong or the officer chose to; return (status, message, result).

    A file still being checked (prepared on the command line) is loaded meanwhile and kept only if the checks find
    nothing; otherwise the load is rolled back whole and the problems decide, as for any file. `catalogue=False`
    leaves the question catalogue as it is (the sample build writes it once)."""
    if prepared.checking is not None and not prepared.problems and prepared.frame["flag"].isna().any():
        try:
            return _load(con, prepared, loaded_by, [], catalogue, before_commit=lambda: _nothing_found(prepared))
        except Exception:
            # Rolled back whole. A file with problems may fail to load (two rows with one response id) before its
            # checks say so: the problems are what the officer needs to hear.
            prepared.settle()
            if not prepared.problems:
                raise
    prepared.settle()
    rejected = prepared.rejected_rows
    if prepared.file_problems or prepared.frame is None:
        return "rejected", f"{prepared.file_name} was not loaded: {prepared.file_problems[0].sentence()}", None
    if rejected and not load_good_rows:
        return "rejected", _rows_message(prepared, rejected), None
    return _load(con, prepared, loaded_by, rejected, catalogue)


def _nothing_found(prepared) -> None:
    prepared.settle()
    if prepared.problems:
        raise ProblemsFound


def _load(con, prepared, loaded_by: str, rejected: list[int], catalogue: bool, before_commit=None):
    label = config.SURVEYS[prepared.kind]
    flagged = prepared.flagged_rows
    good = prepared.frame_without(rejected)  # not good_frame: the problems may still be being found
    if good.empty:
        return "rejected", f"{prepared.file_name} was not loaded: none of its rows can be loaded.", None
    if catalogue:
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
        wave_name=prepared.review.wave,
        before_commit=before_commit,
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


def _officer_mapping(con, survey: str, mappings: dict, review: Review, respondent_type, profile) -> Mapping:
    """Return the survey's mapping with the profile for the file's layout (given, else saved) and who answered."""
    review.layout_key = profiles.layout_key(review.raw_headers)
    review.profile = profile or profiles.saved_profile(con, survey, review.layout_key)
    mapping = profiles.apply(mappings[survey], review.profile)
    review.respondent_type = review.profile.respondent_type if review.profile else None
    return _with_respondent_type(mapping, respondent_type, review)


def _join_option_columns(frame: pd.DataFrame, mapping: Mapping, review: Review) -> pd.DataFrame:
    """Return the frame with one-column-per-option pick-several questions joined into their choices (and say so)."""
    several = [q for q in mapping.questions.values() if q["scale"] == "several"]
    frame, rebuilt = repairs.option_columns(frame, [t for q in several for t in [q["text"], *q.get("also", [])]])
    review.notes += [f"'{q}' came as one column per option: the options ticked are kept as choices." for q in rebuilt]
    return frame


def _with_respondent_type(mapping: Mapping, respondent_type: str | None, review: Review) -> Mapping:
    """Return the mapping with who answered set for the whole file, when the officer said ('parent_carer')."""
    if not respondent_type:
        return mapping
    text = respondent_type.replace("_", " ").strip()
    if text.lower() not in vocabulary.RESPONDENT_TYPES:
        choices = "young_person, parent_carer or professional"
        raise ValueError(f"'{respondent_type}' is not a respondent type: say {choices}.")
    review.respondent_type = vocabulary.RESPONDENT_TYPES[text.lower()]
    return replace(mapping, respondent_type=review.respondent_type)


def _who_answered(problems: list[Problem]) -> list[Problem]:
    """Return the problems, a missing 'I am a...' column said as the question the officer can answer."""
    label = "respondent type ('I am a...')"
    return [
        Problem(p.column, "The file has no 'I am a...' column: say who answered (young people, parent carers or "
                "professionals) for the whole file, with --respondent-type on the command line or 'Who answered' "
                "on the Upload page.", 0)
        if p.column == label and not p.rows else p
        for p in problems
    ]  # fmt: skip


def _name_wave(review: Review, frame: pd.DataFrame, wave: str | None, survey: str) -> None:
    """Name the collection window and note the dates of its responses (it may cross 31 March)."""
    dates = frame.loc[frame["flag"].isna(), "submitted_at"].dropna() if "submitted_at" in frame else pd.Series()
    review.waves_in_file = sorted(w for w in frame["wave"].dropna().unique()) if "wave" in frame else []
    if not dates.empty:
        review.first_response, review.last_response = dates.min(), dates.max()
    review.wave = (wave or "").strip() or default_wave_name(survey, dates)


def default_wave_name(survey: str, dates: pd.Series) -> str | None:
    """Return a wave name from the survey and the calendar year most responses were given in ('... 2025')."""
    if dates.empty:
        return None
    counts = pd.DatetimeIndex(dates).year.value_counts()  # counted by column, not row by row
    years = Counter({int(year): int(n) for year, n in counts.items()})
    most = max(years.values())
    label = config.SURVEYS[survey].split(" (")[0]
    return f"{label} {max(y for y, n in years.items() if n == most)}"


def _labels(mapping: Mapping) -> dict[str, str]:
    return {qid: q["text"] for qid, q in mapping.questions.items()}


def _answer_expectations(mapping: Mapping, frame: pd.DataFrame) -> list[dict]:
    """Return, for each scale question in the file, the rule that its answers are on a scale it accepts (or given
    a meaning by the officer): added to the stored suite, because the accepted scales and meanings are data."""
    return [
        scales.answer_expectation(qid, question, mapping.answers.get(qid))
        for qid, question in mapping.questions.items()
        if qid in frame and scales.accepted_scales(question)
    ]


def _as_given(mapped: pd.DataFrame, matched: dict[str, str], mapping: Mapping) -> pd.DataFrame:
    """Return the recognised columns under their headers in the file, free text redacted: for rejected rows."""
    raw = mapped.rename(columns={target: header for header, target in matched.items()})
    for header, target in matched.items():
        if mapping.questions.get(target, {}).get("scale") == "text":
            raw[header] = map_values(raw[header], redact_free_text)
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
