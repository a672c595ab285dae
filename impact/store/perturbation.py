"""The cell-key perturbation table in the database: loaded from the CSV in the repository when the table is empty."""

from pathlib import Path

import duckdb

from impact import config


def ensure_loaded(con: duckdb.DuckDBPyConnection, path: Path | None = None) -> int:
    """Fill an empty `perturbation` table from the CSV (impact/domain/perturbation_table.csv); return rows added.

    A table already filled is left alone: published numbers change only when a migration empties it, so a change of
    table is a deliberate, recorded step."""
    if con.execute("select count(*) from perturbation").fetchone()[0]:
        return 0
    path = path or config.PERTURBATION_TABLE
    con.execute(
        "insert into perturbation select count, cell_key, adjustment "
        "from read_csv(?, header = true, "
        "columns = {'count': 'integer', 'cell_key': 'integer', 'adjustment': 'integer'})",
        [str(path)],
    )
    return con.execute("select count(*) from perturbation").fetchone()[0]


def replace_table(con: duckdb.DuckDBPyConnection, rows: list[tuple[int, int, int]]) -> None:
    """Replace the table's rows (count, cell_key, adjustment): for tests of counting that need true counts shown."""
    con.execute("delete from perturbation")
    con.executemany("insert into perturbation values (?, ?, ?)", rows)
