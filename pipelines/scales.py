"""Read a scale question's answers on whichever scale the file used; the scales are data in mappings/scales.yaml.

A question accepts the scales its indicator names in indicators.yaml (`positive:`), else those of its kind in
scales.yaml. The scale a file used is the first accepted one that has every answer present; answers on no
accepted scale are left as given for validation to report, unless the officer gave them a meaning (positive,
negative, neutral or missing) in a mapping profile.
"""

import re
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd
import yaml

from impact import config
from pipelines import vocabulary as vocab

MEANINGS = {"positive": True, "negative": False, "neutral": False, "missing": None}
NUMBER = re.compile(r"^(\d{1,2})(?:[.,]0+)?$")
NUMBERED = re.compile(r"^\d{1,2}\s*[-.:)=]\s*(.+)$|^(.+?)\s*\(\d{1,2}\)$|^(\d{1,2})\s*[-.:)=]\s*.+$")
UNMAPPED_RULE = (
    "an answer on none of the scales this question accepts: give it a meaning (positive, negative, neutral or "
    "missing) on the Upload page or in a mapping profile"
)


@dataclass
class ReadAnswers:
    """One question's answers read: canonical text, score, positive or not, the scale found, answers not read."""

    text: pd.Series
    score: pd.Series
    positive: pd.Series
    scale: str | None = None
    unrecognised: list[str] = field(default_factory=list)


@cache
def scale_book() -> dict:
    """Return scales.yaml: every scale's answers and labels, the scales each kind accepts, and the placeholders."""
    return yaml.safe_load((config.MAPPINGS_DIR / "scales.yaml").read_text())


@cache
def _indicators() -> dict:
    return yaml.safe_load((config.MAPPINGS_DIR / "indicators.yaml").read_text())


def key(value: object) -> str:
    """Return an answer as compared: trimmed, lower-cased, inner spaces collapsed ('' for a blank)."""
    return re.sub(r"\s+", " ", value.strip().lower()) if isinstance(value, str) else ""


def is_placeholder(value: object) -> bool:
    """Return whether a cell says 'no answer' ('-', 'n/a', an em dash, 'none', blank)."""
    return key(value) in _placeholders()


@cache
def _placeholders() -> frozenset[str]:
    return frozenset({"", *scale_book()["placeholders"]})


def accepted_scales(question: dict) -> dict[str, float]:
    """Return the scales a question accepts, in the order they are tried, with the score counted as positive."""
    indicator = _indicators().get(question.get("indicator") or "", {})
    return dict(indicator.get("positive") or scale_book()["kinds"].get(question.get("scale"), {}))


def scale_name(scale: str | None) -> str:
    """Return a scale's name in the officer's words."""
    return scale_book()["scales"][scale]["name"] if scale else "no scale"


def _level(text: str, answers: dict) -> object:
    """Return the score of one answer on a scale (None if it is not on it); '4.0', '4 - Agree', 'Agree (4)' too."""
    if text in answers:
        return answers[text]
    if (match := NUMBER.match(text)) and match.group(1) in answers:
        return answers[match.group(1)]
    if match := NUMBERED.match(text):
        inner = (match.group(1) or match.group(2) or "").strip()
        if inner in answers:
            return answers[inner]
        if match.group(3) and match.group(3) in answers:
            return answers[match.group(3)]  # "5 - Very useful" on a 1-5 scale
        first = re.match(r"^\d{1,2}", text)
        if first and first.group(0) in answers:
            return answers[first.group(0)]
    return None


def recognise(keys: set[str], accepted: dict[str, float]) -> str | None:
    """Return the first accepted scale with every given answer on it, else the one with most of them."""
    scales = scale_book()["scales"]
    if not accepted:
        return None
    counts = {name: sum(_level(k, {str(a): v for a, v in scales[name]["answers"].items()}) is not None for k in keys)
              for name in accepted}  # fmt: skip
    full = [name for name in accepted if counts[name] == len(keys)]
    if full:
        return full[0]
    best = max(accepted, key=lambda name: counts[name])
    return best if counts[best] else None


def read_answers(raw: pd.Series, question: dict, meanings: dict[str, str] | None = None) -> ReadAnswers:
    """Return a scale question's answers read on the scale the file used, with the officer's meanings applied."""
    given = {key(k): k.strip() for k in meanings or {}}  # stored as the officer saw it when mapping
    meanings = {key(k): v for k, v in (meanings or {}).items()}
    accepted = accepted_scales(question)
    keys = {key(v) for v in pd.unique(raw.dropna()) if not is_placeholder(v)} - set(vocab.NON_ANSWERS) - set(meanings)
    scale = recognise(keys, accepted)
    spec = scale_book()["scales"].get(scale, {"answers": {}, "labels": {}})
    answers = {str(a): v for a, v in spec["answers"].items()}

    def read(value) -> tuple:
        k = key(value)
        if is_placeholder(value) or meanings.get(k) == "missing":
            return None, None, None, False
        if k in vocab.NON_ANSWERS:
            return vocab.NON_ANSWERS[k], None, None, False
        if k in meanings:
            return given[k], None, MEANINGS.get(meanings[k]), False
        if (level := _level(k, answers)) is not None:
            return str(spec["labels"][level]), float(level), level >= accepted[scale], False
        return value.strip(), None, None, True

    # Once per distinct answer (a scale has a handful of wordings), then spread to every row.
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    reads = [read(u) for u in uniques] + [read(None)]
    texts, scores, positives, unread = (np.array(column, dtype=object) for column in zip(*reads, strict=True))
    index = raw.index
    return ReadAnswers(
        pd.Series(texts[codes], index=index, dtype=object),
        pd.Series(scores[codes], index=index, dtype="float64"),
        pd.Series(positives[codes], index=index, dtype="boolean"),
        scale,
        list(dict.fromkeys(texts[i] for i in range(len(uniques)) if unread[i])),  # uniques are in file order
    )


def answer_expectation(question_id: str, question: dict, meanings: dict[str, str] | None = None) -> dict:
    """Return the Great Expectations rule for a scale question: every answer on an accepted scale or mapped."""
    scales = scale_book()["scales"]
    allowed = {str(label) for name in accepted_scales(question) for label in scales[name]["labels"].values()}
    allowed |= set(vocab.NON_ANSWERS.values())
    allowed |= {k.strip() for k, v in (meanings or {}).items() if v != "missing"}
    return {
        "type": "expect_column_values_to_be_in_set",
        "kwargs": {"column": question_id, "value_set": sorted(allowed)},
        "meta": {"label": question["text"], "rule": UNMAPPED_RULE},
    }
