"""The one write path into the database: a transaction, one writer at a time."""

import threading
from contextlib import contextmanager

import duckdb

# One writer at a time within the app's process: sessions share one DuckDB database, and two write
# transactions touching the same rows would conflict. Readers never wait: they see the last commit.
WRITE_LOCK = threading.RLock()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """Run the block in one transaction, rolled back on any error, one writer at a time."""
    with WRITE_LOCK:
        con.execute("begin transaction")
        try:
            yield con
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
