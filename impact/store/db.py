"""Open the DuckDB database and bring its schema up to date with the versioned migrations."""

from pathlib import Path

import duckdb

from impact import config
from impact.store import perturbation


def connect(path: Path | str | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Return a connection to the database, creating it with the schema if absent."""
    path = Path(path or config.database_path())
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    migrate(con)
    perturbation.ensure_loaded(con)
    return con


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Return the migration versions already applied."""
    con.execute(
        "create table if not exists schema_migrations "
        "(version integer primary key, name varchar not null, applied_at timestamp not null)"
    )
    return {row[0] for row in con.execute("select version from schema_migrations").fetchall()}


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply each migration not yet applied, each in its own transaction; return their names."""
    done = applied_versions(con)
    applied = []
    for sql_file in sorted(config.MIGRATIONS_DIR.glob("*.sql")):
        version = int(sql_file.name.split("_", 1)[0])
        if version in done:
            continue
        con.execute("begin transaction")
        try:
            con.execute(sql_file.read_text())
            con.execute(
                "insert into schema_migrations values (?, ?, current_timestamp)",
                [version, sql_file.stem],
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        applied.append(sql_file.stem)
    return applied
