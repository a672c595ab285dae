"""Records officers make in the app: a "you said, we did" theme, a response to one, and an audit rating.

Each record is written as a one-row file and goes through exactly the chain an uploaded file does (map,
normalise, the same Great Expectations suite, one transaction), so a form can never store what a file could
not. Each is kept as its own load, recorded against the role the officer gave, and can be undone like one.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from pipelines.ingest import commit, prepare
from pipelines.mapping import load_mapping

IN_APP = "entered in the app"


@dataclass
class RecordResult:
    """Whether a record was saved, a sentence saying so, and each problem as 'field: what is wrong'."""

    saved: bool
    message: str
    problems: list[str] = field(default_factory=list)


def add_feedback_theme(con, fields: dict, recorded_by: str) -> RecordResult:
    """Save a new "you said, we did" theme (a reference is given if none is set); return what happened."""
    fields = {**fields, "entry_id": fields.get("entry_id") or next_feedback_reference(con)}
    if _current_feedback(con, fields["entry_id"]):
        return RecordResult(False, f"{fields['entry_id']} already exists: record a response to it instead.")
    return _record(con, "feedback_loop", fields, recorded_by, f"new theme {fields['entry_id']}")


def record_response(con, entry_id: str, fields: dict, recorded_by: str) -> RecordResult:
    """Save the response ("we did"), its date and whether it was fed back, for an existing theme."""
    current = _current_feedback(con, entry_id)
    if current is None:
        return RecordResult(False, f"There is no theme {entry_id} to respond to.")
    return _record(con, "feedback_loop", {**current, **fields}, recorded_by, f"response to {entry_id}")


def record_audit_rating(con, fields: dict, recorded_by: str) -> RecordResult:
    """Save one service's rating of one priority for an audit year."""
    what = f"audit rating for {fields.get('service') or 'a service'}"
    return _record(con, "audit", fields, recorded_by, what)


def next_feedback_reference(con) -> str:
    """Return the next free reference such as YSWD-027."""
    numbers = con.execute(
        "select max(try_cast(regexp_extract(entry_id, '(\\d+)$', 1) as integer)) from feedback_entries"
    ).fetchone()[0]
    return f"YSWD-{(numbers or 0) + 1:03d}"


def _current_feedback(con, entry_id: str) -> dict | None:
    row = con.execute(
        """select entry_id, theme, source, raised_by, date_raised, response, date_responded, fed_back,
            action_code, workstream, indicator
        from feedback_entries where entry_id = ? order by recorded_at desc, version_id desc limit 1""",
        [entry_id],
    ).fetchone()
    if row is None:
        return None
    names = ["entry_id", "theme", "source", "raised_by", "date_raised", "response", "date_responded", "fed_back"]
    current = dict(zip([*names, "action_code", "workstream", "indicator"], row, strict=True))
    current["fed_back"] = {True: "Yes", False: "No"}.get(current["fed_back"])
    return current


def _record(con, kind: str, fields: dict, recorded_by: str, what: str) -> RecordResult:
    role = (recorded_by or "").strip()
    if not role:
        return RecordResult(False, "Nothing saved: say what your role is.", ["Your role: blank, but it is required"])
    content = _one_row_file(kind, fields)
    stamp = dt.datetime.now().strftime("%d %b %Y %H:%M:%S")
    prepared = prepare(con, content, f"{what[:1].upper()}{what[1:]} ({IN_APP}, {stamp})", kind)
    problems = [f"{p.column}: {p.rule}" for p in prepared.problems]
    if prepared.earlier_load:
        return RecordResult(False, "Nothing saved: exactly the same record was saved before.")
    if problems:
        return RecordResult(False, f"Nothing saved: the {what} has {len(problems)} problem(s) to fix.", problems)
    result = commit(con, prepared, role)
    return RecordResult(result.status == "loaded", f"Saved the {what}.")


def _one_row_file(kind: str, fields: dict) -> bytes:
    # The first wording each field has in the input's mapping, so the file maps exactly as an upload would.
    mapping = load_mapping(kind)
    headers = {name: wordings[0] for name, wordings in mapping.fields.items()}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers.values())
    writer.writerow([_text(fields.get(name)) for name in headers])
    return buffer.getvalue().encode("utf-8")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if hasattr(value, "strftime"):  # a pandas Timestamp
        return value.strftime("%d/%m/%Y")
    return str(value)
