"""Match an export's column headers to canonical fields using the mapping kept as YAML per input.

A header matches when, after lower-casing and dropping punctuation, it equals a wording in the survey's YAML
(`pipelines/mappings/<survey>.yaml`), a usual respondent-field wording (`respondent_fields.yaml`), or a mapping
the officer saved in the app. Tool layouts are looked through: "1. How old are you?", "Grid question [I feel
listened to]" and "Question - I feel listened to" all offer their question part too. Failing that, a wording
at least FUZZY_THRESHOLD (0.87) similar by difflib's ratio matches, unless only one of the two says "not":
"I feel I am listened to" matches "I feel listened to" (0.88); "I don't feel listened to" never does.
"""

import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import cache

import pandas as pd
import yaml

from impact import config
from pipelines.formats import simple
from pipelines.wording import without_hint, word_match

# Measured on rewordings: small edits score 0.87-0.98 ("I feel I am listened to" 0.88); different questions
# score up to 0.85 ("How old is your dog?" against "How old is your child?").
FUZZY_THRESHOLD = 0.87
IGNORE = "__ignore__"  # a saved choice: the officer says this column is not needed
NEGATION = re.compile(r"\b(not|no|never|nt|dont|don t|doesnt|didnt|isnt|cannot|cant)\b")
NUMBERING = re.compile(r"^(q(uestion)?\s*)?\d+[a-z]?\s*[.):]?\s+", re.IGNORECASE)
IDENTIFYING = re.compile(
    r"\b(e ?mail( address)?|ip address|first name|last name|surname|full name|your name|respondent name|"
    r"child s name|childs name|name of (your )?child|phone( number)?|telephone|mobile( number)?|contact number|"
    r"post ?code|home address|postal address|your address|date of birth|dob|nhs number|upn)\b|^(names?|ip|address)$"
)
TOOL_METADATA = re.compile(
    r"^(collector id|start date|start time|last modified time|custom data \d+|custom value|tracking link|"
    r"unique id|started|score|total score|points|total points|quiz feedback|language|response status|"
    r"status|duration|time taken|response type|channel|user agent|referrer|collector)$"
)


@dataclass
class Mapping:
    """What one input's columns are called and which are required."""

    name: str
    required: list[str]
    fields: dict[str, list[str]]
    questions: dict[str, dict] = field(default_factory=dict)
    respondent_type: str | None = None
    saved: dict[str, str] = field(default_factory=dict)  # simplified header -> field, question or IGNORE
    answers: dict[str, dict[str, str]] = field(default_factory=dict)  # question -> answer -> meaning (profiles)

    def wordings(self) -> dict[str, str]:
        """Return each accepted header wording, simplified, with the field or question it fills."""
        found = {}
        for name, headers in self.fields.items():
            for header in headers:
                found.setdefault(simplify(header), name)
        for question_id, question in self.questions.items():
            for text in [question["text"], *question.get("also", [])]:
                found.setdefault(simplify(text), question_id)
        return found

    def label(self, target: str) -> str:
        """Return what a field or question is called, in the officer's words."""
        if target in self.questions:
            return self.questions[target]["text"]
        return FIELD_NAMES.get(target, target)


FIELD_NAMES = {
    "source_response_id": "Response ID",
    "submitted_at": "Date submitted",
    "respondent_type": "Respondent type (I am a...)",
    "age": "Age",
    "locality": "Area",
    "primary_need": "Primary need",
    "support_level": "Support level",
    "setting_type": "Setting",
}


@dataclass
class MappedColumns:
    frame: pd.DataFrame
    matched: dict[str, str]  # header in the file -> field
    unmatched: list[str]  # headers not stored: listed to the officer, never silently dropped
    identifying: list[str] = field(default_factory=list)  # names, emails, IP addresses: never stored
    metadata: list[str] = field(default_factory=list)  # the tool's own columns (collector, start time)
    ignored: list[str] = field(default_factory=list)  # columns the officer chose not to store
    similar: dict[str, tuple[str, float]] = field(default_factory=dict)  # header -> (wording, ratio)
    identifying_frame: pd.DataFrame | None = None  # kept only to remove names from free text and spot tests

    @property
    def unknown(self) -> list[str]:
        """Return the headers that match nothing and are not identifying, metadata or ignored by choice."""
        known = set(self.identifying) | set(self.metadata) | set(self.ignored)
        return [h for h in self.unmatched if h not in known]


def simplify(header: str) -> str:
    """Return a header lower-cased with punctuation and repeated spaces removed."""
    return simple(header)


def header_parts(header: str) -> list[str]:
    """Return the simplified ways a header may name its question, most specific wording last."""
    text = str(header).strip()
    parts = [text, NUMBERING.sub("", text), without_hint(NUMBERING.sub("", text))]
    if match := re.search(r"\[([^\]]+)\]\s*$", text):
        parts.append(match.group(1))
    for separator in (" - ", "?", ":"):
        if separator in text.rstrip(separator):
            parts.append(text.rstrip(separator).rsplit(separator, 1)[1])
    return list(dict.fromkeys(simplify(p) for p in parts if simplify(p)))


@cache
def _yaml(name: str) -> dict:
    path = config.MAPPINGS_DIR / f"{name}.yaml"
    if not path.exists():
        raise ValueError(f"Unknown input '{name}': no mapping at {path.name}.")
    return yaml.safe_load(path.read_text())


def load_mapping(name: str) -> Mapping:
    """Return the mapping for a survey or input, read from pipelines/mappings/NAME.yaml."""
    data = _yaml(name)
    fields = {key: list(value) for key, value in data.get("fields", {}).items()}
    if name in config.SURVEYS:
        # The usual respondent-field wordings apply to every survey, after its own.
        for key, wordings in _yaml("respondent_fields")["fields"].items():
            if key in fields:
                fields[key] = fields[key] + wordings
    return Mapping(
        name=data.get("survey", name),
        required=data.get("required", []),
        fields=fields,
        questions=dict(data.get("questions", {})),
        respondent_type=data.get("respondent_type"),
    )


def with_saved(mapping: Mapping, saved: dict[str, str], custom_questions: dict[str, dict]) -> Mapping:
    """Return the mapping with the officer's saved column choices and added questions."""
    return replace(mapping, saved=dict(saved), questions={**mapping.questions, **custom_questions})


def map_columns(raw: pd.DataFrame, mapping: Mapping) -> MappedColumns:
    """Return the frame with recognised columns renamed to their fields; the first match wins."""
    wordings = mapping.wordings()
    renames: dict[str, str] = {}
    result = MappedColumns(frame=pd.DataFrame(), matched=renames, unmatched=[])
    for header in raw.columns:
        if header == "row_number":
            continue
        target = _match(header, mapping, wordings, result)
        if target == IGNORE:
            result.ignored.append(header)
            result.unmatched.append(header)
        elif target is None or target in renames.values():
            result.unmatched.append(header)
        else:
            renames[header] = target
    result.frame = raw[["row_number", *renames]].rename(columns=renames)
    result.identifying_frame = raw[result.identifying]
    return result


def _match(header: str, mapping: Mapping, wordings: dict[str, str], result: MappedColumns) -> str | None:
    key = simplify(header)
    if IDENTIFYING.search(key) and key not in wordings:
        result.identifying.append(header)
        return None
    if key in mapping.saved:
        return mapping.saved[key]
    parts = header_parts(header)
    for part in reversed(parts):
        if part in wordings:
            return wordings[part]
    if TOOL_METADATA.match(key):
        result.metadata.append(header)
        return None
    best = max(
        ((wording, _similarity(part, wording), part) for part in parts for wording in wordings),
        key=lambda item: item[1],
        default=None,
    )
    if best and best[1] >= FUZZY_THRESHOLD and bool(NEGATION.search(best[0])) == bool(NEGATION.search(best[2])):
        result.similar[header] = (best[0], round(best[1], 2))
        return wordings[best[0]]
    return word_match(parts, wordings)


def _similarity(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, a, b)
    # The cheap upper bounds rule out most pairs before the full comparison.
    if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
        return 0.0
    return matcher.ratio()


def detect_survey(headers: list[str], file_name: str, mappings: dict[str, Mapping]) -> tuple[str | None, dict]:
    """Return the survey whose questions the headers match best (None if none match), and every survey's score."""
    frame = pd.DataFrame(columns=["row_number", *headers])
    scores = {}
    for survey, mapping in mappings.items():
        matched = map_columns(frame, mapping).matched.values()
        questions = sum(target in mapping.questions for target in matched)
        scores[survey] = questions + sum(target in mapping.required for target in matched) if questions else 0
    best = max(scores.values(), default=0)
    leaders = [survey for survey, score in scores.items() if score == best and best > 0]
    if len(leaders) > 1:
        named = [s for s in leaders if simplify(s) in simplify(file_name.replace("_", " ")) or s in file_name]
        leaders = named if len(named) == 1 else []
    return (leaders[0] if leaders else None), scores


def add_optional_columns(frame: pd.DataFrame, mapping: Mapping) -> pd.DataFrame:
    """Return the frame with every optional field and question present, empty where the file lacks it."""
    # Expectations on optional columns need the column present, even if empty.
    optional = [f for f in [*mapping.fields, *mapping.questions] if f not in mapping.required]
    for name in optional:
        if name == "age" and "age_band" not in frame:
            frame["age_raw"], frame["age_unreadable"], frame["age_band"] = None, False, None
            frame["age_years"] = pd.array([None] * len(frame), dtype="Int64")
        elif name != "age" and name not in frame:
            frame[name] = None
    return frame
