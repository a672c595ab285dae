"""The thin Streamlit layer: one short-lived connection per run, cached query results, shared widgets."""

import threading
from contextlib import contextmanager

import streamlit as st

from impact import config
from impact.queries import common as queries
from impact.store import db
from impact.views import auth

# Measured on a 2-core machine (README, "Start it"); shown while the first start builds the sample database.
BUILD_SECONDS = 30
_run = threading.local()  # this script run's read connection: each run has its own thread


def connection():
    """Return this run's read-only connection: opened on first use, closed when the run ends (end_run)."""
    path = str(config.database_path())
    _ready(path)
    held = getattr(_run, "held", None)
    if held is None or held[0] != path:
        end_run()
        reading = db.reading(path)
        _run.held = (path, reading, reading.__enter__())
    return _run.held[2]


def end_run() -> None:
    """Close this run's connection, so the command line can write between the app's reruns."""
    held = getattr(_run, "held", None)
    _run.held = None
    if held is not None:
        held[1].__exit__(None, None, None)


@contextmanager
def writing():
    """Yield a read-write connection for one write, after closing this run's read connection."""
    end_run()  # a writer waits for every reader, this run's own included
    with db.writing(config.database_path()) as con:
        yield con


@st.cache_resource(
    show_spinner="Building the sample database from the shipped sample exports; on first start only "
    f"(about {BUILD_SECONDS} seconds)."
)
def _ready(path: str) -> bool:
    """Build the sample database on first start at the default path, and bring the schema up to date, once."""
    from pipelines.samples import ensure_database

    ensure_database(path)
    with db.writing(path):
        pass  # applies any new migration, so read-only connections see the current schema
    return True


def data_version() -> str:
    """Return a stamp that changes whenever a load, removal, restore or rebuild changes the file."""
    # Read from the file's size and times, not by opening it: any process's write changes it.
    return db.version(config.database_path())


def cached(query):
    """Wrap a query function so its result is cached per database, data version, query and arguments."""

    # Every wrapper shares this one function's cache, so the query's name is part of the key: without it,
    # two queries called with the same arguments would return each other's results.
    @st.cache_data(show_spinner=False, ttl=3600)
    def run(database: str, version: str, name: str, *args):
        return query(connection(), *args)

    def call(*args):
        # Every wrapper shares run's source code, which is all Streamlit hashes, so the query's name is part of
        # the key: without it two queries called with the same arguments would share one cached result.
        return run(str(config.database_path()), data_version(), f"{query.__module__}.{query.__qualname__}", *args)

    call.__name__ = query.__name__
    return call


def empty_state() -> bool:
    """Show what to do when nothing is loaded yet; return True if the page should stop."""
    if queries.has_data(connection()):
        return False
    user = auth.current_user()
    if user and auth.can(user.role, "officer"):
        st.info(
            "No data has been loaded yet. Go to **Upload** to load a survey export, or build the sample "
            "database with `python -m pipelines samples`."
        )
    else:
        st.info("No data has been loaded yet. A participation officer loads the survey exports; ask them.")
    return True


def quarter_picker(label: str = "Quarter") -> str | None:
    """Show the quarter selector (latest first) and return the chosen quarter."""
    quarters = cached(queries.reporting_quarters)()
    if not quarters:
        return None
    return st.selectbox(
        label, list(reversed(quarters)), key="quarter", help="UK financial quarters: Q1 is April to June."
    )


def workstream_label(code: str) -> str:
    """Return 'B4 Participation and co-production: children and young people'."""
    return f"{code} {config.WORKSTREAMS.get(code, '')}".strip()
