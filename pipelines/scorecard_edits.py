"""Record an officer's edit to the scorecard (target, milestone, baseline or commentary): checked, appended, audited."""

import datetime as dt
import re

from impact.domain.scorecard import EDITABLE, BadQuarter, Measure, quarter_label
from impact.store import audit
from impact.store.writer import transaction
from pipelines.redact import redact_free_text

MAX_COMMENTARY = 1500
ROLE = re.compile(r"^[A-Za-z][A-Za-z &,'()/-]{1,79}$")


def check_edit(measures: list[Measure], measure_id: str, field: str, quarter: str | None, value: str, role: str):
    """Return the edit made ready to store (quarter in the app's form, value tidied), or raise ValueError saying why."""
    if measure_id not in {m.id for m in measures}:
        raise ValueError(f"There is no scorecard measure '{measure_id}'.")
    if field not in EDITABLE:
        raise ValueError(f"Only the {', '.join(EDITABLE)} of a measure can be changed here.")
    if not ROLE.match(role.strip()):
        raise ValueError("Give your role (e.g. Participation Officer), in letters only: not your name or email.")
    if field in ("milestone", "commentary"):
        try:
            quarter = quarter_label(quarter or "")
        except BadQuarter as error:
            raise ValueError(str(error)) from None
    else:
        quarter = None
    value = " ".join(str(value).split())
    if field == "commentary":
        if not value:
            raise ValueError("Write the commentary: what is happening and what is being done.")
        if len(value) > MAX_COMMENTARY:
            raise ValueError(f"The commentary is {len(value)} characters long; keep it under {MAX_COMMENTARY}.")
        return quarter, str(redact_free_text(value))  # board papers are published: no names, emails or phone numbers
    try:
        return quarter, str(float(value.replace(",", "").rstrip("%")))
    except ValueError:
        raise ValueError(f"The {field} must be a number, such as 75 or 8.5; '{value}' is not.") from None


def record_edit(
    con, measures: list[Measure], measure_id: str, field: str, quarter: str | None, value: str, role: str, who: str = ""
):
    """Check and append one edit with the audit entry, in one transaction; return the stored (quarter, value)."""
    quarter, value = check_edit(measures, measure_id, field, quarter, value, role)
    with transaction(con):
        con.execute(
            "insert into scorecard_edits (measure_id, field, quarter, value, edited_at, edited_by) "
            "values (?, ?, ?, ?, ?, ?)",
            [measure_id, field, quarter, value, dt.datetime.now(), role.strip()],
        )
        where = f" for {quarter}" if quarter else ""
        audit.record(con, who or role.strip(), "scorecard_edit", f"{measure_id}: {field}{where} set")
    return quarter, value
