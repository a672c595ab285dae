"""Queries every page needs: which quarters have data, and whether anything is loaded."""

import duckdb

from impact.domain.periods import shift_quarter

Connection = duckdb.DuckDBPyConnection


def reporting_quarters(con: Connection) -> list[str]:
    """Return every quarter with survey responses or action updates, oldest first."""
    rows = con.execute(
        "select quarter from responses union select quarter from action_updates order by quarter"
    ).fetchall()
    return [row[0] for row in rows]


def has_data(con: Connection) -> bool:
    """Return whether anything at all has been loaded."""
    return con.execute("select count(*) from uploads").fetchone()[0] > 0


def year_to(quarter: str) -> tuple[str, str]:
    """Return the first and last quarter of the four quarters ending with `quarter`."""
    return shift_quarter(quarter, -3), quarter
