"""Normalise the quality inputs: activities' accessibility, the participation audit and "you said, we did".

Each step only canonicalises what it recognises and leaves anything else as given (with the raw text beside
it), so the Great Expectations suite can name the row and show what the file said.
"""

import re
from functools import cache

import pandas as pd
import yaml

from impact import config
from pipelines import vocabulary as vocab
from pipelines.mapping import simplify
from pipelines.normalise import redact_free_text

YES_NO = {"yes": "Yes", "y": "Yes", "true": "Yes", "no": "No", "n": "No", "false": "No"}
ACCESSIBILITY = ["easy_read", "accessible_venue", "accessible_time"]
RATINGS = ["Embedded", "In progress", "Not started", "Not applicable"]
RATING_SYNONYMS = {"n/a": "Not applicable", "na": "Not applicable", "not applicable": "Not applicable"}
OWN = "Own"
SOURCES = {
    "big_bang": ["big bang", "big bang survey", "big bang survey young people"],
    "involvement": ["involvement", "involvement survey", "send involvement survey", "annual send involvement survey"],
    "local_offer": ["local offer", "local offer feedback", "local offer website"],
    "other": ["other", "forum", "event", "meeting", "other forum event or meeting"],
}
SOURCE_LABELS = {**config.SURVEYS, "other": "Other (forum, event or meeting)"}
EVERYONE = {"everyone", "all", "all groups", "mixed"}
AUDIT_YEAR = re.compile(r"^(20\d\d)\s*(?:-|/|to)\s*(?:20)?(\d\d)$")
LABEL_LENGTH = 40


@cache
def audit_priorities() -> dict[str, dict[str, str]]:
    """Return the audit tool's default priorities: {code: {label, text}}, in the tool's order."""
    return yaml.safe_load((config.MAPPINGS_DIR / "audit_priorities.yaml").read_text())


@cache
def indicator_labels() -> dict[str, str]:
    """Return {indicator key: label} from the indicator catalogue."""
    data = yaml.safe_load((config.MAPPINGS_DIR / "indicators.yaml").read_text())
    return {key: item["label"] for key, item in data.items()}


def yes_no(value: object) -> object:
    """Return "Yes" or "No" for the usual spellings, None for blank, anything else unchanged."""
    if not isinstance(value, str) or not value.strip():
        return None
    return YES_NO.get(value.strip().lower(), value.strip())


def normalise_activity_extras(out: pd.DataFrame) -> pd.DataFrame:
    """Return activities with accessibility as Yes/No and "what changed" free of contact details."""
    for column in ACCESSIBILITY:
        if column in out:
            out[column] = out[column].map(yes_no)
    if "what_changed" in out:
        out["what_changed"] = out["what_changed"].map(redact_free_text)
    # They describe the activity, not the group: every row of one activity must agree, or one would be dropped.
    extras = [c for c in [*ACCESSIBILITY, "what_changed"] if c in out]
    if "activity_id" in out and extras:
        differs = out[extras].fillna("").astype(str).groupby(out["activity_id"].fillna("")).transform("nunique")
        out["activity_extras_agree"] = ~(differs > 1).any(axis=1)
        out["activity_extras_agree_raw"] = out["activity_id"]
    return out


def normalise_audit(out: pd.DataFrame) -> pd.DataFrame:
    """Return audit rows with the year as 2025-26, the priority as its code (or "Own"), and the rating."""
    if "audit_year" in out:
        out["audit_year_raw"] = out["audit_year"]
        out["audit_year"] = out["audit_year"].map(audit_year)
    if "rating" in out:
        out["rating"] = out["rating"].map(lambda v: RATING_SYNONYMS.get(v.lower(), v) if isinstance(v, str) else v)
    own = out["own_priority"].map(yes_no) if "own_priority" in out else pd.Series(None, index=out.index)
    out["own_priority"] = own
    if "priority" in out:
        matched = [_priority(text, is_own == "Yes") for text, is_own in zip(out["priority"], own, strict=True)]
        out["priority_raw"] = out["priority"]
        out["priority"] = [m[0] for m in matched]
        out["priority_text"] = [m[1] for m in matched]
        out["priority_label"] = [m[2] for m in matched]
        # One rating per service, year and priority: the key shows the officer which rows clash.
        services, years = out.get("service", [None] * len(out)), out.get("audit_year", [None] * len(out))
        out["rating_key"] = [
            f"{s} {y} {t}" if isinstance(t, str) else None
            for s, y, t in zip(services, years, out["priority_text"], strict=True)
        ]
    for column in ("required_actions", "next_steps"):
        if column in out:
            out[column] = out[column].map(redact_free_text)
    return _with_optional_dates(out, ["date_completed"])


def audit_year(value: object) -> object:
    """Return '2025-26' for '2025-26', '2025/26', '2025-2026' or '2025 to 2026'; None for anything else."""
    match = AUDIT_YEAR.match(value.strip()) if isinstance(value, str) else None
    if match and (int(match.group(1)) + 1) % 100 == int(match.group(2)):
        return f"{match.group(1)}-{match.group(2)}"
    return None


def _priority(text: object, own: bool) -> tuple[object, object, object]:
    """Return (code or "Own" or the text as given, wording, short label) of one priority."""
    if not isinstance(text, str) or not text.strip():
        return None, None, None
    key = simplify(text)
    for code, item in audit_priorities().items():
        if key in (code.lower(), simplify(item["text"]), simplify(item["label"])):
            return code, item["text"], item["label"]
    if own:
        wording = text.strip()
        label = wording if len(wording) <= LABEL_LENGTH else wording[:LABEL_LENGTH].rsplit(" ", 1)[0] + "…"
        return OWN, wording, label
    return text.strip(), None, None


def normalise_feedback_loop(out: pd.DataFrame) -> pd.DataFrame:
    """Return "you said, we did" rows with the source, group and indicator canonical and days to respond."""
    if "source" in out:
        out["source_raw"] = out["source"]
        out["source"] = out["source"].map(_source)
    if "raised_by" in out:
        out["raised_by_raw"] = out["raised_by"]
        out["raised_by"] = out["raised_by"].map(_raised_by)
    if "indicator" in out:
        out["indicator_raw"] = out["indicator"]
        out["indicator"] = out["indicator"].map(_indicator)
    if "fed_back" in out:
        out["fed_back"] = out["fed_back"].map(yes_no)
    if "action_code" in out:
        out["action_code"] = out["action_code"].map(lambda v: v.upper() if isinstance(v, str) else v)
    for column in ("theme", "response"):
        if column in out:
            out[column] = out[column].map(redact_free_text)
    out = _with_optional_dates(out, ["date_responded"])
    if "date_raised" in out:
        out["days_to_respond"] = (out["date_responded"] - out["date_raised"]).dt.days
    else:
        out["days_to_respond"] = None
    out["days_to_respond_raw"] = out["date_responded_raw"]
    return out


def _with_optional_dates(out: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    # Rules on an optional date read its raw text too, so both exist even when the file has no such column.
    for column in columns:
        if column not in out:
            out[column] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[us]")
            out[f"{column}_raw"] = None
    return out


def _source(value: object) -> object:
    if not isinstance(value, str):
        return None
    key = simplify(value)
    for code, wordings in SOURCES.items():
        if key == code.replace("_", " ") or key in wordings or key == simplify(SOURCE_LABELS[code]):
            return code
    return value.strip()


def _raised_by(value: object) -> object:
    if not isinstance(value, str) or simplify(value) in EVERYONE:
        return None
    return vocab.RESPONDENT_TYPES.get(value.strip().lower(), value.strip())


def _indicator(value: object) -> object:
    if not isinstance(value, str):
        return None
    key = simplify(value)
    for code, label in indicator_labels().items():
        if key in (simplify(code), simplify(label)):
            return code
    return value.strip()


# Loads: $1 is the upload; who recorded it is the upload's loaded_by (a file's user or the role typed in the app).
AUDIT_INSERT = """
insert into audit_ratings (upload_id, audit_year, service, priority_code, priority, priority_label, rating,
    required_actions, next_steps, date_completed, recorded_at, recorded_by)
select $1, audit_year, service, nullif(priority, 'Own'), priority_text, priority_label, rating,
    required_actions, next_steps, date_completed, current_timestamp,
    (select loaded_by from uploads where upload_id = $1)
from incoming
"""
# A response once recorded is kept when a later file leaves it blank (e.g. an older copy of the log).
FEEDBACK_INSERT = """
insert into feedback_entries (upload_id, entry_id, theme, source, raised_by, date_raised, response,
    date_responded, fed_back, action_code, workstream, indicator, recorded_at, recorded_by)
select $1, i.entry_id, i.theme, i.source, i.raised_by, i.date_raised, coalesce(i.response, c.response),
    coalesce(i.date_responded, c.date_responded), coalesce(i.fed_back = 'Yes', c.fed_back), i.action_code,
    i.workstream, i.indicator, current_timestamp, (select loaded_by from uploads where upload_id = $1)
from incoming i left join feedback_loop c using (entry_id)
"""
ACTIVITIES_INSERT = """
insert or replace into activities (activity_id, upload_id, activity_date, quarter, title, kind, ladder_level,
    workstream, easy_read, accessible_venue, accessible_time, what_changed)
select distinct on (activity_id) activity_id, $1, activity_date, quarter, title, kind, ladder_level, workstream,
    easy_read = 'Yes', accessible_venue = 'Yes', accessible_time = 'Yes', what_changed
from incoming
"""
