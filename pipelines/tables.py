"""Normalise the tabular inputs: action plans, quarterly action updates, activities and the population baseline."""

import pandas as pd

from impact.domain.periods import financial_quarter
from pipelines import quality_inputs
from pipelines.normalise import parse_dates, redact_free_text

TEXT_COLUMNS = {
    "actions": ["action_code", "plan", "title", "workstream", "accountable_group", "lead_role", "inspection_area"],
    "action_updates": ["action_code", "quarter", "status", "rag", "note", "updated_by"],
    "activities": ["activity_id", "title", "kind", "ladder_level", "workstream", "respondent_type", "age_band"]
    + ["easy_read", "accessible_venue", "accessible_time", "what_changed"],
    "baseline": ["year", "age_band", "locality", "support_level"],
    "audit": ["service", "audit_year", "priority", "own_priority", "rating", "required_actions", "next_steps"],
    "feedback_loop": ["entry_id", "theme", "source", "raised_by", "response", "fed_back", "action_code"]
    + ["workstream", "indicator"],
}
DATE_COLUMNS = {
    "actions": ["start_date", "due_date"],
    "activities": ["activity_date"],
    "audit": ["date_completed"],
    "feedback_loop": ["date_raised", "date_responded"],
}
NUMBER_COLUMNS = {"action_updates": ["percent_complete"], "activities": ["attendees"], "baseline": ["children"]}
# Sets whose spelling officers vary ("green", "GREEN"): compared case-insensitively.
TITLE_CASE = {"status": None, "rag": None, "workstream": "upper", "ladder_level": None, "kind": None, "rating": None}
# Steps particular to one input, run after the shared ones.
KIND_STEPS = {
    "activities": quality_inputs.normalise_activity_extras,
    "audit": quality_inputs.normalise_audit,
    "feedback_loop": quality_inputs.normalise_feedback_loop,
}


def normalise_table(mapped: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Return the mapped columns trimmed, with dates parsed and counts as numbers (unreadable kept raw)."""
    out = mapped.copy()
    for column in TEXT_COLUMNS[kind]:
        if column in out:
            out[column] = out[column].map(lambda v: v.strip() if isinstance(v, str) and v.strip() else None)
            if column in TITLE_CASE:
                upper = TITLE_CASE[column] == "upper"
                out[column] = out[column].map(lambda v, u=upper: _case(v, u))
    for column in DATE_COLUMNS.get(kind, []):
        if column in out:
            out[f"{column}_raw"] = out[column]
            out[column] = parse_dates(out[column]).dt.normalize()
    for column in NUMBER_COLUMNS.get(kind, []):
        if column in out:
            out[f"{column}_raw"] = out[column]
            out[column] = pd.to_numeric(out[column].str.replace("%", "").str.strip(), errors="coerce")
    if kind == "action_updates" and "note" in out:
        out["note"] = out["note"].map(redact_free_text)  # notes are free text: no emails or phone numbers kept
    if kind == "activities" and "activity_date" in out:
        out["quarter"] = out["activity_date"].map(lambda d: financial_quarter(d) if pd.notna(d) else None)
    if kind in KIND_STEPS:
        out = KIND_STEPS[kind](out)
    return out


def _case(value, upper: bool):
    if not isinstance(value, str):
        return value
    if upper:
        return value.upper()
    return value[:1].upper() + value[1:].lower() if value.lower() != value.upper() else value
