"""The SEND Board's scorecard as data: each measure's definition, baseline, milestones and target, and its RAG rule."""

import functools
import math
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from impact import config

# The sample set's measures; an area points SEND_IMPACT_SCORECARD at its own file.
SCORECARD_FILE = Path(os.environ.get("SEND_IMPACT_SCORECARD", str(config.SAMPLES_DIR / "scorecard.yaml")))
KINDS = {
    "indicator_percent": "an indicator's percent positive for a group",
    "reach_per_100": "reach per 100 for an age band",
    "young_people_responding": "young people in an age band who responded",
    "attendances": "attendances by young people in an age band",
    "actions_on_track": "share of a workstream's actions on track",
    "days_to_respond": 'days from "you said" to "we did"',
}
QUARTER = re.compile(r"^(\d{4})-(\d{2})[ -]?Q([1-4])$", re.IGNORECASE)
# RAG with a word, so it never depends on colour alone.
ON_TRACK, NEAR, OFF_TRACK = ("Green", "On track"), ("Amber", "Close to milestone"), ("Red", "Off track")
NOT_RATED = ("None", "Not rated")
EDITABLE = ("target", "milestone", "baseline", "commentary")


class BadQuarter(ValueError):
    """A quarter that is not written like 2026-27 Q2 (or 2026-27-Q2)."""


def quarter_label(text: str) -> str:
    """Return the app's form of a quarter (2026-27 Q2) from either 2026-27 Q2 or the CLI's 2026-27-Q2."""
    match = QUARTER.match(str(text).strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise BadQuarter(f"'{text}' is not a UK financial quarter: write it like 2026-27 Q2 or 2026-27-Q2.")
    return f"{match[1]}-{match[2]} Q{match[3]}"


@dataclass(frozen=True)
class Measure:
    """One row of the scorecard, as defined (actuals are computed in impact/queries/scorecard.py)."""

    id: str
    name: str
    definition: str
    workstream: str | None
    kind: str
    source: dict
    unit: str
    direction: str
    baseline: float | None
    baseline_period: str | None
    target: float | None
    target_by: str | None
    tolerance: float
    milestones: dict[str, float] = field(default_factory=dict)
    commentary: dict[str, str] = field(default_factory=dict)
    easy_read: str = ""  # one short sentence for the easy read when the measure improves

    def milestone_for(self, quarter: str) -> tuple[str | None, float | None]:
        """Return the latest milestone due by the quarter (its quarter and value), or (None, None)."""
        due = [q for q in sorted(self.milestones) if q <= quarter]
        return (due[-1], self.milestones[due[-1]]) if due else (None, None)

    def computed_from(self) -> str:
        """Return what the measure is computed from, in plain English."""
        details = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in self.source.items() if k != "kind")
        return KINDS[self.kind] + (f" ({details})" if details else "")


def load_measures(path: Path | None = None) -> list[Measure]:
    """Return the measures defined in the scorecard file, in its order (the file is read once per version of it)."""
    file = Path(path or SCORECARD_FILE)
    stat = file.stat()
    return list(_parsed(str(file), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=8)
def _parsed(path: str, mtime_ns: int, size: int) -> tuple[Measure, ...]:
    # Keyed by the file's modification time and size, so an edited file is read again.
    # libyaml's safe loader where installed (the same documents, several times faster), else PyYAML's own.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)["measures"]
    return tuple(_measure(entry) for entry in entries)


def _measure(entry: dict) -> Measure:
    source = dict(entry["computed_from"])
    if source.get("kind") not in KINDS:
        raise ValueError(f"Scorecard measure {entry['id']}: computed_from.kind must be one of {', '.join(KINDS)}.")
    baseline, target = entry.get("baseline") or {}, entry.get("target") or {}
    return Measure(
        id=entry["id"],
        name=entry["name"],
        definition=" ".join(entry["definition"].split()),
        workstream=entry.get("workstream"),
        kind=source["kind"],
        source=source,
        unit=entry.get("unit", ""),
        direction=entry.get("direction", "up"),
        baseline=baseline.get("value"),
        baseline_period=str(baseline["period"]) if "period" in baseline else None,
        target=target.get("value"),
        target_by=quarter_label(target["by"]) if "by" in target else None,
        tolerance=float(entry.get("tolerance", 0)),
        milestones={quarter_label(q): float(v) for q, v in (entry.get("milestones") or {}).items()},
        commentary={quarter_label(q): " ".join(str(t).split()) for q, t in (entry.get("commentary") or {}).items()},
        easy_read=entry.get("easy_read", ""),
    )


def with_edits(measure: Measure, edits: list[tuple[str, str | None, str]]) -> Measure:
    """Return the measure with officers' edits applied in order: (field, quarter, value)."""
    milestones, commentary, changes = dict(measure.milestones), dict(measure.commentary), {}
    for name, quarter, value in edits:
        if name == "milestone":
            milestones[quarter] = float(value)
        elif name == "commentary":
            commentary[quarter] = value
        elif name == "target":
            changes["target"] = float(value)
        elif name == "baseline":
            changes["baseline"] = float(value)
    return replace(measure, milestones=milestones, commentary=commentary, **changes)


def rag(measure: Measure, actual: float | None, milestone: float | None) -> tuple[str, str]:
    """Return the RAG colour and its word for an actual against the milestone (Not rated without both)."""
    if actual is None or milestone is None or math.isnan(actual):
        return NOT_RATED
    ahead = actual - milestone if measure.direction == "up" else milestone - actual
    if ahead >= 0:
        return ON_TRACK
    return NEAR if -ahead <= measure.tolerance else OFF_TRACK


def format_value(measure: Measure, value: float | None) -> str:
    """Return a value in the measure's unit: 72%, 8.1 per 100, 125, 88 days."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if measure.unit == "percent":
        return f"{value:.0f}%"
    if measure.unit == "per 100":
        return f"{value:.1f} per 100"
    if measure.unit == "days":
        return f"{value:.0f} days"
    return f"{value:,.0f}"
