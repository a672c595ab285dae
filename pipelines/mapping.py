"""Match an export's column headers to canonical fields using the mapping kept as YAML per input."""

import re
from dataclasses import dataclass, field
from functools import cache

import pandas as pd
import yaml

from impact import config


@dataclass
class Mapping:
    """What one input's columns are called and which are required."""

    name: str
    required: list[str]
    fields: dict[str, list[str]]
    questions: dict[str, dict] = field(default_factory=dict)
    respondent_type: str | None = None

    def wordings(self) -> dict[str, str]:
        """Return each accepted header wording, simplified, with the field or question it fills."""
        found = {}
        for name, headers in self.fields.items():
            for header in headers:
                found.setdefault(simplify(header), name)
        for question_id, question in self.questions.items():
            found.setdefault(simplify(question["text"]), question_id)
        return found


@dataclass
class MappedColumns:
    frame: pd.DataFrame
    matched: dict[str, str]  # header in the file -> field
    unmatched: list[str]  # headers that matched nothing: listed to the officer, not stored


def simplify(header: str) -> str:
    """Return a header lower-cased with punctuation and repeated spaces removed."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", str(header).lower())).strip()


@cache
def load_mapping(name: str) -> Mapping:
    """Return the mapping for a survey or input, read from pipelines/mappings/NAME.yaml."""
    path = config.MAPPINGS_DIR / f"{name}.yaml"
    if not path.exists():
        raise ValueError(f"Unknown input '{name}': no mapping at {path.name}.")
    data = yaml.safe_load(path.read_text())
    return Mapping(
        name=data.get("survey", name),
        required=data.get("required", []),
        fields=data.get("fields", {}),
        questions=data.get("questions", {}),
        respondent_type=data.get("respondent_type"),
    )


def map_columns(raw: pd.DataFrame, mapping: Mapping) -> MappedColumns:
    """Return the frame with recognised columns renamed to their fields; the first match wins."""
    wordings = mapping.wordings()
    renames, unmatched = {}, []
    for header in raw.columns:
        if header == "row_number":
            continue
        target = wordings.get(simplify(header))
        if target is None or target in renames.values():
            unmatched.append(header)
        else:
            renames[header] = target
    frame = raw[["row_number", *renames]].rename(columns=renames)
    return MappedColumns(frame=frame, matched=renames, unmatched=unmatched)
