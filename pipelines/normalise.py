"""Turn mapped survey columns into canonical values; anything unrecognised is left as given for validation."""

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from impact import config
from impact.domain.periods import financial_quarter, financial_year
from pipelines import repairs, scales
from pipelines import vocabulary as vocab
from pipelines.dates import parse_dates, read_dates
from pipelines.distinct import map_values
from pipelines.mapping import MappedColumns, Mapping, simplify
from pipelines.read import hand_back_memory
from pipelines.redact import EMAIL, PHONE, name_parts, redact_free_text

__all__ = ["EMAIL", "PHONE", "parse_dates", "redact_free_text", "normalise_survey", "normalise_export", "map_values"]

AGE_NUMBER = re.compile(r"^(?:aged?\s*)?(\d{1,3})(?:[.,]\d+)?\s*(?:years?|yrs?|y/?o|y)?(?:\s*old)?$")
AGE_BAND = re.compile(r"^(?:aged?\s*)?(\d{1,2})\s*(?:-|–|—|to)\s*(\d{1,2})(?:\s*(?:years?|yrs?)(?:\s*old)?)?$")
AGE_UNDER = re.compile(r"^under\s*(\d{1,2})(?:\s*years?)?$")
ANSWER_NUMBER = re.compile(r"^(\d)(?:[.,]0+)?$")
NUMBERED_ANSWER = re.compile(r"^\d\s*[-.:)=]\s*(.+)$|^(.+?)\s*\(\d\)$")
# Question ids the officer adds in the app start with this, so derived response ids ignore them (see below).
ADDED_QUESTION_PREFIX = "added_"


@dataclass
class Normalised:
    """The canonical frame, plus sentences telling the officer how values were read."""

    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    scales: dict[str, str | None] = field(default_factory=dict)  # question -> the scale its answers came on
    unrecognised: dict[str, list[str]] = field(default_factory=dict)  # question -> answers on no accepted scale


def canonical(value: object, synonyms: dict[str, str]) -> object:
    """Return the canonical spelling of a categorical answer, or the answer unchanged if unknown."""
    if not isinstance(value, str):
        return None
    key = value.strip().lower()
    if vocab.NON_ANSWERS.get(key) == vocab.PREFER_NOT_TO_SAY:
        return vocab.PREFER_NOT_TO_SAY
    return synonyms.get(key, value.strip())


def parse_age(value: object) -> tuple[object, object]:
    """Return (age in years, age band) from '14', '14 years', 'fourteen' or a band such as '11-15'."""
    if not isinstance(value, str):
        return None, None
    text = re.sub(r"\s+", " ", value.strip().lower())
    non_answer = vocab.NON_ANSWERS.get(text)
    if non_answer == vocab.PREFER_NOT_TO_SAY:
        return None, vocab.PREFER_NOT_TO_SAY
    if non_answer:
        return None, None  # "Don't know" is missing, not unreadable
    words = re.sub(r"\s*(years? old|years?|yrs?)$", "", text).replace(" ", "-")
    years = vocab.WORD_NUMBERS.get(words)
    if years is None and (match := AGE_NUMBER.match(text)):
        years = int(match.group(1))
    if years is not None:
        return years, age_band(years)
    if match := AGE_BAND.match(text):
        # Known only as a band: kept as given, never guessed into 12-16.
        return None, f"{int(match.group(1))}-{int(match.group(2))}"
    if match := AGE_UNDER.match(text):
        return None, f"0-{int(match.group(1)) - 1}"
    return None, None


def age_band(years: int) -> str | None:
    """Return the reporting age band of an age in years, or None outside 0-25."""
    for band in config.AGE_BANDS:
        low, high = (int(part) for part in band.split("-"))
        if low <= years <= high:
            return band
    return None


def normalise_survey(mapped: pd.DataFrame, mapping: Mapping) -> pd.DataFrame:
    """Return one row per response with canonical respondent fields and question answers."""
    return normalise_export(mapped, mapping).frame


def normalise_export(mapped: MappedColumns | pd.DataFrame, mapping: Mapping, now=None) -> Normalised:
    """Return canonical values, derived ids where the tool gave none, and test or repeated rows flagged."""
    identifying = mapped.identifying_frame if isinstance(mapped, MappedColumns) else None
    mapped = mapped.frame if isinstance(mapped, MappedColumns) else mapped
    notes: list[str] = []
    out = pd.DataFrame({"row_number": mapped["row_number"]})
    if "source_response_id" in mapped:
        out["source_response_id"] = mapped["source_response_id"].map(lambda v: v.strip() if isinstance(v, str) else v)
    if "submitted_at" in mapped:
        reading = read_dates(mapped["submitted_at"], now=now)
        out["submitted_at_raw"] = mapped["submitted_at"]
        out["submitted_at"] = reading.values
        days = out["submitted_at"].dt.normalize()  # the year and quarter depend on the day only: fewer to read
        out["wave"] = map_values(days, lambda d: financial_year(d) if pd.notna(d) else None)
        out["quarter"] = map_values(days, lambda d: financial_quarter(d) if pd.notna(d) else None)
        notes += [reading.note] if reading.note else []
    notes += _respondent_fields(out, mapped, mapping)
    names = _names_per_row(identifying, len(mapped))
    result = Normalised(out, notes)
    for question_id, question in mapping.questions.items():
        if question_id in mapped:
            _answers(result, question_id, question, mapped[question_id], mapping, names)
    if "source_response_id" not in out and "submitted_at" in out:
        out["source_response_id"] = derived_ids(out, mapping)
        notes.append("The file has no response ID column, so each response is known by its date and answers.")
    out["flag"] = flag_rows(out, mapped, identifying)
    _as_categories(out)
    hand_back_memory()  # what each step above freed, before the file is checked
    return result


# Respondent fields and periods, each from a short list: held as categories, a byte a row rather than a string (at a
# million rows, about 110 MB less from here to the load).
SHORT_LISTS = ["wave", "quarter", "respondent_type", "age_band", "primary_need", "support_level", "locality",
               "setting_type"]  # fmt: skip


def _as_categories(out: pd.DataFrame) -> None:
    for name in SHORT_LISTS:
        if name in out and out[name].dtype == "str":
            out[name] = out[name].astype("category")


def _answers(result: Normalised, question_id: str, question: dict, raw: pd.Series, mapping: Mapping, names) -> None:
    """Add one question's answers to the frame: a scale question read on the scale the file used."""
    out = result.frame
    if not scales.accepted_scales(question):
        out[question_id] = normalise_answers(map_values(raw, _unless_placeholder), question["scale"], names)
        return
    read = scales.read_answers(raw, question, mapping.answers.get(question_id))
    out[question_id], out[f"{question_id}__score"], out[f"{question_id}__positive"] = (
        read.text,
        read.score,
        read.positive,
    )
    result.scales[question_id] = read.scale
    if read.unrecognised:
        result.unrecognised[question_id] = read.unrecognised


def _unless_placeholder(value: object) -> object:
    return None if scales.is_placeholder(value) else value


def _field_value(value: object, synonyms: dict[str, str]) -> object:
    """Return a respondent field's canonical value; a placeholder is missing unless the field means it."""
    if scales.is_placeholder(value) and scales.key(value) not in synonyms:
        return None
    return canonical(value, synonyms)


def _respondent_fields(out: pd.DataFrame, mapped: pd.DataFrame, mapping: Mapping) -> list[str]:
    """Add the respondent fields to the frame and return notes on values repaired."""
    notes = []
    if mapping.respondent_type:
        out["respondent_type"] = mapping.respondent_type
    elif "respondent_type" in mapped:
        out["respondent_type"] = map_values(
            mapped["respondent_type"], lambda v: _field_value(v, vocab.RESPONDENT_TYPES)
        )
    if "age" in mapped:
        ages, note = repairs.excel_age_bands(map_values(mapped["age"], _unless_placeholder))
        notes += [note] if note else []
        parsed = map_values(ages, parse_age)
        out["age_raw"] = mapped["age"]
        out["age_years"] = pd.array(map_values(parsed, lambda p: p[0]), dtype="Int64")
        out["age_band"] = map_values(parsed, lambda p: p[1])
        out["age_unreadable"] = ages.notna() & out["age_years"].isna() & out["age_band"].isna()
        out.loc[map_values(mapped["age"], _is_non_answer).astype(bool), "age_unreadable"] = False
    for name, synonyms in [
        ("primary_need", vocab.PRIMARY_NEEDS),
        ("support_level", vocab.SUPPORT_LEVELS),
        ("locality", vocab.LOCALITIES),
        ("setting_type", vocab.SETTING_TYPES),
    ]:
        if name in mapped:
            out[name] = map_values(mapped[name], lambda v, s=synonyms: _field_value(v, s))
    return notes


def _is_non_answer(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower() in vocab.NON_ANSWERS


def normalise_answers(raw: pd.Series, scale: str, names: list[list[str]] | None = None) -> pd.Series:
    """Return answers in their canonical wording (free text with names, emails and phone numbers removed)."""
    if scale == "text":
        if names is None:
            return map_values(raw, redact_free_text)
        return pd.Series([redact_free_text(v, n) for v, n in zip(raw, names, strict=True)], index=raw.index)
    if scale not in vocab.SCALES:
        return map_values(raw, lambda v: v.strip() if isinstance(v, str) else None)
    table = scale_wordings(scale)
    return map_values(raw, lambda v: _scale_answer(v, table) if isinstance(v, str) else None)


def scale_wordings(scale: str) -> dict[str, str]:
    """Return every accepted wording of a scale's answers, lower-cased, with its canonical label."""
    levels = vocab.SCALES[scale]["levels"]
    by_score = {levels[label.lower()]: label for label in vocab.SCALE_LABELS[scale]}
    table = {key: by_score[score] for key, score in levels.items()}
    table.update(vocab.NON_ANSWERS)
    return table


def _scale_answer(value: str, table: dict[str, str]) -> str:
    text = re.sub(r"\s+", " ", value.strip())
    key = text.lower()
    if key in table:
        return table[key]
    if (match := ANSWER_NUMBER.match(key)) and match.group(1) in table:
        return table[match.group(1)]  # "4,0" or "4.0" from a spreadsheet
    if match := NUMBERED_ANSWER.match(key):
        inner = (match.group(1) or match.group(2)).strip()
        if inner in table:
            return table[inner]  # "4 - Agree", "Agree (4)"
        if key[0] in table:
            return table[key[0]]  # "5 - Very useful" on a 1-5 scale
    return text


def score_answer(answer: object, scale: str) -> tuple[float | None, bool | None]:
    """Return (score, is_positive) for an answer; non-answers and text score nothing."""
    levels = vocab.SCALES.get(scale)
    if levels is None or not isinstance(answer, str):
        return None, None
    score = levels["levels"].get(answer.lower())  # files read before scales.py; answers_long prefers its columns
    if score is None:
        return None, None
    return float(score), score >= levels["positive_from"]


def derived_ids(out: pd.DataFrame, mapping: Mapping) -> pd.Series:
    """Return an id from each response's timestamp and answers, for tools (Google Forms) that give none.

    Questions added in the app are left out, so a later export of the same survey, mapped after an added
    question, still recognises the responses it shares with an earlier one."""
    columns = [
        c
        for c in ["respondent_type", "age_raw", "locality", "primary_need", "support_level", "setting_type"]
        + list(mapping.questions)
        if c in out and not c.startswith(ADDED_QUESTION_PREFIX)
    ]

    def one(row) -> str:
        stamp = row["submitted_at"].isoformat() if pd.notna(row["submitted_at"]) else "undated"
        content = "\x1f".join("" if pd.isna(row[c]) else str(row[c]) for c in columns)
        return f"ts:{stamp}:{hashlib.sha256(content.encode()).hexdigest()[:10]}"

    return out.apply(one, axis=1) if len(out) else pd.Series([], dtype=object)


def flag_rows(out: pd.DataFrame, mapped: pd.DataFrame, identifying: pd.DataFrame | None) -> pd.Series:
    """Return why each row is not a real response (a test, or the same submission again), else None.

    Column operations over each column's distinct values, not a loop over rows: a million rows take seconds."""
    flags = pd.Series(np.full(len(out), None, dtype=object), index=out.index, dtype=object)
    # The first column (in file order) with a test answer names the reason, as a reader would find it.
    for column in mapped.columns:
        if column != "row_number":
            _flag_where(flags, map_values(mapped[column], _test_answer, containing=TEST_WORDS))
    if "source_response_id" in mapped:
        _flag_where(flags, map_values(mapped["source_response_id"], _test_id, containing="test"))
    for column in identifying.columns if identifying is not None else []:
        _flag_where(flags, map_values(identifying[column], lambda v, c=column: _test_word(v, c), containing="test"))
    if "source_response_id" not in out:
        return flags
    # Rows with the same content have the same response id: whole rows are compared only where an id repeats.
    ids = out["source_response_id"][flags.isna()]
    content = out.loc[ids.index[ids.duplicated(keep=False)]].drop(columns=["row_number", "flag"], errors="ignore")
    repeated = content.duplicated(keep=False)
    if repeated.any():
        # Each repeat names the first row (in file order) with the same content.
        same = content[repeated]
        group = same.groupby(list(same.columns), sort=False, dropna=False).ngroup()
        first = out.loc[same.index, "row_number"].astype(int).groupby(group.to_numpy()).transform("first")
        later = same.index[content.duplicated(keep="first")[repeated].to_numpy()]
        flags[later] = [f"the same submission as row {first[i]} (an exact repeat)" for i in later]
    return flags


# Every test answer (vocabulary.TEST_ANSWERS) holds one of these words: only answers holding one are checked.
TEST_WORDS = "test|ignore|dummy|asdf|xxx"


def _flag_where(flags: pd.Series, reasons: pd.Series) -> None:
    """Set the reason on rows that have none yet."""
    fill = flags.isna().to_numpy() & reasons.notna().to_numpy()
    if fill.any():
        flags[fill] = reasons[fill].to_numpy()


def _test_answer(value: object) -> str | None:
    if isinstance(value, str) and simplify(value) in vocab.TEST_ANSWERS:
        return f"a test response ('{value.strip()}' as an answer)"
    return None


def _test_id(value: object) -> str | None:
    if isinstance(value, str) and simplify(value).startswith("test"):
        return "a test response (its response ID starts with 'test')"
    return None


def _test_word(value: object, column: str) -> str | None:
    if isinstance(value, str) and re.search(r"\btest\b", value, re.IGNORECASE):
        return f"a test response ('test' in {column})"
    return None


def _names_per_row(identifying: pd.DataFrame | None, rows: int) -> list[list[str]] | None:
    """Return, for each row, the words of its name columns (never stored: used only to redact free text)."""
    if identifying is None or identifying.empty:
        return None
    name_columns = [c for c in identifying.columns if "name" in simplify(c)]
    if not name_columns:
        return None
    return [name_parts(*identifying.iloc[r][name_columns]) for r in range(rows)]
