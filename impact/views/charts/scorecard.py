"""The scorecard as a table a board member reads: one row per measure, the RAG as a word, a trend in figures."""

import pandas as pd

from impact.domain.scorecard import format_value

RAG_MARKS = {"Green": "●", "Amber": "◐", "Red": "○", "None": "–"}  # a shape per rating: readable in black and white
# The rating and the actual come straight after the measure, so they stay on screen when the table scrolls sideways.
COLUMNS = ["Measure", "RAG", "Actual", "Milestone", "Target", "Baseline", "Trend", "Base (n)", "Workstream",
           "Commentary"]  # fmt: skip


def rag_label(row) -> str:
    """Return the rating as a mark and words, e.g. '○ Red: off track'."""
    if row.rag == "None":
        return "Not rated" + (": too few to show" if row.actual and row.actual.value is None else "")
    return f"{RAG_MARKS[row.rag]} {row.rag}: {row.rag_word.lower()}"


def actual_label(row) -> str:
    """Return the actual with its period, 'c'-style when the pages hide it."""
    if row.actual is None:
        return "No data yet"
    if row.actual.value is None:
        return f"Not shown ({row.actual.period}: too few)"
    return f"{format_value(row.measure, row.actual.value)} ({row.actual.period})"


def trend_label(row) -> str:
    """Return the trend as the shown values oldest first, e.g. '61% → 64% → 70%' (hidden values as 'c')."""
    return " → ".join(format_value(row.measure, p.value) if p.value is not None else "c" for p in row.trend[-5:])


def scorecard_table(rows) -> pd.DataFrame:
    """Return one row per measure: baseline, milestone, actual, target, RAG word, trend, base n, commentary."""
    records = []
    for row in rows:
        m = row.measure
        records.append({
            "Measure": m.name,
            "Workstream": m.workstream or "",
            "Baseline": f"{format_value(m, m.baseline)} ({m.baseline_period})" if m.baseline is not None else "",
            "Milestone": f"{format_value(m, row.milestone)} by {row.milestone_quarter}" if row.milestone is not None
            else "None set",
            "Actual": actual_label(row),
            "Target": f"{format_value(m, m.target)} by {m.target_by}" if m.target is not None else "",
            "RAG": rag_label(row),
            "Trend": trend_label(row),
            "Base (n)": row.actual.base if row.actual else "",
            "Commentary": row.commentary or ("Commentary needed" if row.needs_commentary else ""),
        })  # fmt: skip
    return pd.DataFrame(records, columns=COLUMNS)


def trend_values(rows) -> list[list[float]]:
    """Return each measure's shown trend values for a sparkline (hidden values left out)."""
    return [[p.value for p in row.trend if p.value is not None] for row in rows]


def definitions_table(rows) -> pd.DataFrame:
    """Return what each measure means: definition, what it is computed from, direction and milestones."""
    return pd.DataFrame(
        {
            "Measure": [r.measure.name for r in rows],
            "What it means": [r.measure.definition for r in rows],
            "Computed from": [r.measure.computed_from() for r in rows],
            "Better when": ["higher" if r.measure.direction == "up" else "lower" for r in rows],
            "Milestones": [
                "; ".join(f"{q}: {format_value(r.measure, v)}" for q, v in sorted(r.measure.milestones.items()))
                for r in rows
            ],
        }
    )


def summary_sentence(rows, quarter: str) -> str:
    """Return how many measures are on track, close and off track against their milestones."""
    counts = {word: sum(r.rag == colour for r in rows) for colour, word in
              [("Green", "on track"), ("Amber", "close to their milestone"), ("Red", "off track"),
               ("None", "not rated")]}  # fmt: skip
    parts = [f"{n} {word}" for word, n in counts.items() if n]
    return f"{quarter}: of {len(rows)} measures, " + ", ".join(parts) + "."
