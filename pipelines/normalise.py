"""Turn mapped survey columns into canonical values; anything unrecognised is left as given for validation."""

import re

import pandas as pd

from impact import config
from impact.periods import financial_quarter, financial_year
from pipelines import vocabulary as vocab
from pipelines.mapping import Mapping

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<!\d)(\+44\s?|0)(\d[\s-]?){9,10}(?!\d)")
AGE_NUMBER = re.compile(r"^(\d{1,3})(\s*(years?|yrs?)( old)?)?$")
AGE_BAND = re.compile(r"^(\d{1,2})\s*(-|to)\s*(\d{1,2})$")


def redact_free_text(text: object) -> object:
    """Return free text with email addresses and phone numbers replaced by a marker."""
    if not isinstance(text, str):
        return text
    return PHONE.sub("[phone removed]", EMAIL.sub("[email removed]", text))


def canonical(value: object, synonyms: dict[str, str]) -> object:
    """Return the canonical spelling of a categorical answer, or the answer unchanged if unknown."""
    if not isinstance(value, str):
        return None
    key = value.strip().lower()
    if key in vocab.NON_ANSWERS and vocab.NON_ANSWERS[key] == vocab.PREFER_NOT_TO_SAY:
        return vocab.PREFER_NOT_TO_SAY
    return synonyms.get(key, value.strip())


def parse_age(value: object) -> tuple[object, object]:
    """Return (age in years, age band) from '14', '14 years', 'fourteen' or a band such as '11-15'."""
    if not isinstance(value, str):
        return None, None
    text = value.strip().lower()
    if text == "prefer not to say":
        return None, vocab.PREFER_NOT_TO_SAY
    years = vocab.WORD_NUMBERS.get(text.removesuffix(" years old").removesuffix(" years"))
    if years is None and (match := AGE_NUMBER.match(text)):
        years = int(match.group(1))
    if years is not None:
        return years, age_band(years)
    if match := AGE_BAND.match(text):
        # Known only as a band: kept as given, never guessed into 12-16.
        return None, f"{int(match.group(1))}-{int(match.group(3))}"
    return None, None


def age_band(years: int) -> str | None:
    """Return the reporting age band of an age in years, or None outside 0-25."""
    for band in config.AGE_BANDS:
        low, high = (int(part) for part in band.split("-"))
        if low <= years <= high:
            return band
    return None


def parse_dates(raw: pd.Series) -> pd.Series:
    """Return submission timestamps; UK day-first unless the text is ISO; unreadable becomes NaT."""
    return pd.to_datetime(raw, format="mixed", dayfirst=True, errors="coerce")


def normalise_survey(mapped: pd.DataFrame, mapping: Mapping) -> pd.DataFrame:
    """Return one row per response with canonical respondent fields and question answers."""
    out = pd.DataFrame({"row_number": mapped["row_number"]})
    out["source_response_id"] = mapped.get("source_response_id")
    if "source_response_id" in mapped:
        out["source_response_id"] = mapped["source_response_id"].str.strip()
    if "submitted_at" in mapped:
        out["submitted_at_raw"] = mapped["submitted_at"]
        out["submitted_at"] = parse_dates(mapped["submitted_at"])
        out["wave"] = out["submitted_at"].map(lambda d: financial_year(d) if pd.notna(d) else None)
        out["quarter"] = out["submitted_at"].map(lambda d: financial_quarter(d) if pd.notna(d) else None)
    if mapping.respondent_type:
        out["respondent_type"] = mapping.respondent_type
    elif "respondent_type" in mapped:
        out["respondent_type"] = mapped["respondent_type"].map(lambda v: canonical(v, vocab.RESPONDENT_TYPES))
    if "age" in mapped:
        parsed = mapped["age"].map(parse_age)
        out["age_raw"] = mapped["age"]
        out["age_years"] = pd.array([p[0] for p in parsed], dtype="Int64")
        out["age_band"] = [p[1] for p in parsed]
        out["age_unreadable"] = mapped["age"].notna() & out["age_years"].isna() & out["age_band"].isna()
    for name, synonyms in [
        ("primary_need", vocab.PRIMARY_NEEDS),
        ("support_level", vocab.SUPPORT_LEVELS),
        ("locality", vocab.LOCALITIES),
        ("setting_type", vocab.SETTING_TYPES),
    ]:
        if name in mapped:
            out[name] = mapped[name].map(lambda v, s=synonyms: canonical(v, s))
    for question_id, question in mapping.questions.items():
        if question_id in mapped:
            out[question_id] = normalise_answers(mapped[question_id], question["scale"])
    return out


def normalise_answers(raw: pd.Series, scale: str) -> pd.Series:
    """Return answers in their canonical wording (free text redacted)."""
    if scale == "text":
        return raw.map(redact_free_text)
    if scale == "choice":
        return raw.map(lambda v: v.strip() if isinstance(v, str) else None)
    labels = {label.lower(): label for label in vocab.SCALE_LABELS[scale]}
    labels.update({key: value for key, value in vocab.NON_ANSWERS.items()})
    labels["neither"] = "Neither agree nor disagree"
    return raw.map(lambda v: labels.get(v.strip().lower(), v.strip()) if isinstance(v, str) else None)


def score_answer(answer: object, scale: str) -> tuple[float | None, bool | None]:
    """Return (score, is_positive) for an answer; non-answers and text score nothing."""
    levels = vocab.SCALES.get(scale)
    if levels is None or not isinstance(answer, str):
        return None, None
    score = levels["levels"].get(answer.lower())
    if score is None:
        return None, None
    return float(score), score >= levels["positive_from"]
