"""Record one quarter's update for an action from the app: the same checks as a file of updates, appended."""

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field

import pandas as pd

from impact.domain.periods import financial_quarter, shift_quarter
from impact.store import audit
from impact.store.writer import transaction
from pipelines.tables import normalise_table
from pipelines.validate import Problem, load_suite_json, validate

# What the form calls each field, so a message names the box to correct.
FORM_LABELS = {
    "action code": "Action",
    "quarter": "Quarter",
    "status": "Status",
    "RAG": "RAG rating",
    "percent complete": "Percent complete",
    "updated_by": "Your role",
}


@dataclass
class RecordResult:
    """What happened to an update: its new id, or the problems that stopped it."""

    update_id: int | None = None
    problems: list[Problem] = field(default_factory=list)
    corrects_earlier: bool = False  # an update for the same action and quarter existed and is now superseded

    @property
    def ok(self) -> bool:
        return self.update_id is not None


def accepted_values(column: str) -> list[str]:
    """Return the values the action_updates suite accepts in a column, e.g. the statuses or RAG ratings."""
    for expectation in load_suite_json("action_updates")["expectations"]:
        kwargs = expectation["kwargs"]
        if expectation["type"] == "expect_column_values_to_be_in_set" and kwargs["column"] == column:
            return list(kwargs["value_set"])
    raise KeyError(column)


def recent_quarters(today: dt.date, count: int = 8) -> list[str]:
    """Return the quarter containing today and the ones before it, newest first: the quarters an update may be for."""
    current = financial_quarter(today)
    return [shift_quarter(current, -back) for back in range(count)]


def update_frame(action_code, quarter, status, rag, percent_complete, note, updated_by) -> pd.DataFrame:
    """Return a one-row frame of the update, normalised exactly as a row of an uploaded file would be."""
    raw = pd.DataFrame(
        {
            "row_number": [1],
            "action_code": [action_code],
            "quarter": [quarter],
            "status": [status],
            "rag": [rag],
            "percent_complete": [None if percent_complete is None else str(percent_complete)],
            "note": [note],
            "updated_by": [updated_by],
        }
    ).astype({c: "object" for c in ["action_code", "quarter", "status", "rag", "percent_complete", "note"]})
    return normalise_table(raw, "action_updates")


def check_update(con, frame: pd.DataFrame) -> list[Problem]:
    """Return the problems with a one-row update: the action_updates suite, plus a required role."""
    known = [row[0] for row in con.execute("select action_code from actions order by 1").fetchall()]
    problems = validate(frame, "action_updates", {"known_actions": known})
    if frame["updated_by"].isna().iloc[0]:
        problems.append(Problem("updated_by", "Say who is recording this update: your role is required.", 0))
    return problems


def form_message(problem: Problem) -> str:
    """Return a problem as a sentence about the form's field, naming the value that was refused."""
    if not problem.rows:
        return problem.rule
    field_name = FORM_LABELS.get(problem.column, problem.column)
    given = f" ('{problem.examples[0]}')" if problem.examples else ""
    return f"{field_name}{given}: {problem.rule}."


def record_action_update(
    con,
    action_code: str,
    quarter: str,
    status: str,
    rag: str,
    percent_complete: int | None,
    note: str | None,
    updated_by: str,
    recorded_by: str | None = None,
) -> RecordResult:
    """Validate one update and append it to action_updates with who and when; nothing is ever overwritten.

    `updated_by` is the role the update is reported under; `recorded_by` is the signed-in user, for the audit log."""
    frame = update_frame(action_code, quarter, status, rag, percent_complete, note, updated_by)
    problems = check_update(con, frame)
    if problems:
        return RecordResult(problems=problems)
    with transaction(con):
        return _append(con, frame.iloc[0], recorded_by or frame.iloc[0]["updated_by"])


def _append(con, row: pd.Series, recorded_by: str) -> RecordResult:
    now = dt.datetime.now()
    code, quarter, percent = row["action_code"], row["quarter"], int(row["percent_complete"])
    corrects = con.execute(
        "select count(*) > 0 from action_updates where action_code = ? and quarter = ?", [code, quarter]
    ).fetchone()[0]
    # Logged as a one-row upload too, so cached pages see new data and the update can be traced like a file.
    upload_id = con.execute(
        "insert into uploads (kind, file_name, sha256, rows_in_file, rows_loaded, loaded_at, loaded_by) "
        "values ('action_updates', ?, ?, 1, 1, ?, ?) returning upload_id",
        [
            f"Recorded on the Action plan page: {code} {quarter}",
            hashlib.sha256(uuid.uuid4().bytes).hexdigest(),
            now,
            row["updated_by"],
        ],
    ).fetchone()[0]
    update_id = con.execute(
        "insert into action_updates (upload_id, action_code, quarter, status, rag, percent_complete, note, "
        "updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning update_id",
        [upload_id, code, quarter, row["status"], row["rag"], percent, row["note"], now, row["updated_by"]],
    ).fetchone()[0]
    detail = f"{code} {quarter}: {row['rag']}, {row['status']}, {percent}%"
    audit.record(con, recorded_by, "action_update", detail + (" (corrects an earlier update)" if corrects else ""))
    return RecordResult(update_id=update_id, corrects_earlier=bool(corrects))


def withdraw_update(con, update_id: int, reason: str, who: str) -> str:
    """Withdraw a mistaken update: kept in the history as withdrawn, no longer counted; return what was done."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("Say why the update is withdrawn: a reason is required.")
    row = con.execute(
        "select action_code, quarter, rag, status from action_updates where update_id = ?", [update_id]
    ).fetchone()
    if row is None:
        raise ValueError(f"There is no action update number {update_id}.")
    with transaction(con):
        if con.execute("select count(*) from action_update_withdrawals where update_id = ?", [update_id]).fetchone()[0]:
            raise ValueError(f"Update {update_id} was already withdrawn.")
        con.execute(
            "insert into action_update_withdrawals values (?, ?, ?, ?)", [update_id, dt.datetime.now(), who, reason]
        )
        detail = f"{row[0]} {row[1]}: withdrew the update {row[2]}, {row[3]} ({reason})"
        audit.record(con, who, "action_update_withdrawn", detail)
    return f"Withdrew the {row[1]} update for {row[0]}. It stays in the history, marked withdrawn."
