"""Queries every page needs: which quarters have data, and whether anything is loaded."""

import datetime as dt

import duckdb
import pandas as pd

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


def as_duckdb_gives(frame: pd.DataFrame) -> pd.DataFrame:
    """Return rows taken from a query's frame (a subset, in any order) as DuckDB would give them had a query returned
    just those rows: a fresh index, and each column's type as DuckDB picks it from the values it returns (a nullable
    integer or boolean only where a value is missing, and text with no value at all as plain objects)."""
    out = frame.reset_index(drop=True)
    for name in out.columns:
        dtype = out[name].dtype
        if isinstance(dtype, pd.StringDtype) and out[name].isna().all():
            out[name] = pd.Series([None] * len(out), index=out.index, dtype=object)
        elif isinstance(dtype, pd.api.extensions.ExtensionDtype) and hasattr(dtype, "numpy_dtype"):
            if not out[name].isna().any() and dtype.numpy_dtype is not object:
                out[name] = out[name].astype(dtype.numpy_dtype)
    return out
