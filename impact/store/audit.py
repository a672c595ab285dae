"""The append-only audit log: who did what, when. Nothing in the product updates or deletes its rows."""

import datetime as dt

import pandas as pd


def record(con, who: str, action: str, detail: str) -> None:
    """Append one entry; call inside the same transaction as the change it records."""
    con.execute(
        "insert into audit_log (happened_at, who, action, detail) values (?, ?, ?, ?)",
        [dt.datetime.now(), who, action, detail],
    )


def recent_entries(con, limit: int = 500) -> pd.DataFrame:
    """Return the latest audit entries, newest first."""
    return con.execute(
        'select happened_at as "When", who as "Who", action as "Action", detail as "Detail" '
        "from audit_log order by audit_id desc limit ?",
        [limit],
    ).df()
