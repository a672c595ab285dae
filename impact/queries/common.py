"""Queries every page needs: which quarters have data, and whether anything is loaded."""

import datetime as dt

import duckdb

from impact.domain.periods import financial_quarter, shift_quarter

Connection = duckdb.DuckDBPyConnection


def reporting_quarters(con: Connection, today: dt.date | None = None) -> list[str]:
    """Return every quarter up to today's with survey responses or action updates that count, oldest first.

    A quarter that has not started is never "the latest quarter", even if something is dated in it."""
    current = financial_quarter(today or dt.date.today())
    rows = con.execute(
        "select quarter from response_cells where quarter <= $current "
        "union select quarter from action_status where quarter <= $current order by quarter",
        {"current": current},
    ).fetchall()
    return [row[0] for row in rows]


def has_data(con: Connection) -> bool:
    """Return whether anything at all has been loaded."""
    return con.execute("select count(*) from uploads").fetchone()[0] > 0


def year_to(quarter: str) -> tuple[str, str]:
    """Return the first and last quarter of the four quarters ending with `quarter`."""
    return shift_quarter(quarter, -3), quarter
