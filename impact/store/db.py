"""Open the DuckDB database and bring its schema up to date with the versioned migrations.

Every process (the dashboard, the command line) opens the file only for one read or one write and closes it
straight after, under a lock file beside it: readers share, a writer waits for them and then has it alone, and
a waiting writer stops new readers from jumping ahead. So the command line works while people view the app.
"""

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

from impact import config
from impact.store import perturbation

# How long a read or write waits for the database before giving up with a plain "busy" message.
LOCK_WAIT_SECONDS = float(os.environ.get("SEND_IMPACT_LOCK_WAIT", "120"))
_POLL_SECONDS = 0.05
_held = threading.local()  # what this thread holds: {path: (mode, connection)}


class DatabaseBusy(RuntimeError):
    """The database stayed in use by another process for longer than the wait."""


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


@contextmanager
def reading(path: Path | str | None = None, wait: float | None = None):
    """Yield a read-only connection for the block; waits (up to `wait` seconds) while a writer holds the file."""
    path = Path(path or config.database_path())
    if held := _holding(path):
        yield held[1]  # a read inside this thread's own read or write sees the same connection
        return
    if not path.exists():
        with writing(path, wait):
            pass  # create it with its schema, so a read of a new path sees empty tables
    with file_lock(path, exclusive=False, wait=wait):
        con = _open(path, read_only=True, wait=wait)
        with _remember(path, "read", con):
            yield con


@contextmanager
def writing(path: Path | str | None = None, wait: float | None = None):
    """Yield a read-write connection (schema up to date) for the block, the only one open while it runs."""
    path = Path(path or config.database_path())
    if held := _holding(path):
        if held[0] != "write":
            raise RuntimeError("Close this thread's read connection before writing.")
        yield held[1]
        return
    with file_lock(path, exclusive=True, wait=wait):
        con = _open(path, read_only=False, wait=wait)
        with _remember(path, "write", con):
            yield con


def lock_files(path: Path) -> tuple[Path, Path]:
    """Return the lock file and the writers' gate file that sit beside the database."""
    return Path(f"{path}.lock"), Path(f"{path}.gate")


@contextmanager
def file_lock(path: Path, exclusive: bool, wait: float | None = None):
    """Hold the database's shared (reader) or exclusive (writer) lock for the block."""
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait is None else wait)
    lock_path, gate_path = lock_files(Path(path))
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(gate_path, "a+b") as gate, open(lock_path, "a+b") as lock:
        # A writer holds the gate while it waits, so readers arriving later queue behind it and it is not starved.
        _acquire(gate, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH, deadline)
        try:
            _acquire(lock, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH, deadline)
        finally:
            fcntl.flock(gate, fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _acquire(handle, mode: int, deadline: float) -> None:
    while True:
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise DatabaseBusy(_busy_message()) from None
            time.sleep(_POLL_SECONDS)


def _open(path: Path, read_only: bool, wait: float | None) -> duckdb.DuckDBPyConnection:
    # A process that opened the file without the lock file (an older copy, a DuckDB shell) still holds DuckDB's
    # own lock: wait for it too, then give up with the same plain message.
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait is None else wait)
    while True:
        try:
            return connect(path, read_only=read_only)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                raise DatabaseBusy(f"{_busy_message()} ({error})") from error
            time.sleep(_POLL_SECONDS * 4)


def _busy_message() -> str:
    return "The database is in use by another process for longer than expected; retry in a minute."


def _holding(path: Path):
    return getattr(_held, "paths", {}).get(str(path.resolve()))


@contextmanager
def _remember(path: Path, mode: str, con: duckdb.DuckDBPyConnection):
    key = str(path.resolve())
    # Kept as a local: a block left open by a finished thread is closed by the garbage collector in another one.
    paths = _held.__dict__.setdefault("paths", {})
    paths[key] = (mode, con)
    try:
        yield
    finally:
        paths.pop(key, None)
        con.close()


def is_open_elsewhere(path: Path) -> bool:
    """Return whether another process has the database open (DuckDB's own lock), without waiting."""
    try:
        duckdb.connect(str(path)).close()
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            return True
        raise
    return False


def schema_is_current(path: Path | str) -> bool:
    """Return True when the file exists with every migration applied (checked read-only, under the readers' lock)."""
    path = Path(path)
    if not path.exists():
        return False
    wanted = {int(sql_file.name.split("_", 1)[0]) for sql_file in config.MIGRATIONS_DIR.glob("*.sql")}
    with reading(path) as con:
        try:
            done = {row[0] for row in con.execute("select version from schema_migrations").fetchall()}
        except duckdb.CatalogException:
            return False
    return wanted <= done


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


def version(path: Path | str | None = None) -> str:
    """Return a stamp that changes whenever the file is written or replaced, read without opening it."""
    path = Path(path or config.database_path())
    parts = []
    for part in (path, Path(f"{path}.wal")):
        try:
            stat = part.stat()
            parts.append(f"{stat.st_ino}:{stat.st_mtime_ns}:{stat.st_size}")
        except FileNotFoundError:
            parts.append("-")
    return "|".join(parts)
