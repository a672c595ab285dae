"""The thin Streamlit layer: one short-lived connection per run, cached query results, shared widgets."""

import threading
from contextlib import contextmanager
from dataclasses import replace

import duckdb
import streamlit as st

from impact import config
from impact.domain import themes
from impact.queries import common as queries
from impact.queries.filters import shared_options as shared
from impact.store import cells, db
from impact.store.writer import transaction
from impact.views import auth, filter_state

# Widget keys of the shared quarter and workstream filters (the address uses the names in queries.filters.PARAMS).
QUARTER_KEY, WORKSTREAM_KEY = "quarter", "workstream"

# Measured on a 2-core machine (README, "Start it"); shown while the first start builds the sample database.
BUILD_SECONDS = 10
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
    if not db.schema_is_current(path):
        # A current database is never opened for writing just to start: another process may be reading it.
        with db.writing(path):
            pass  # applies any new migration, so read-only connections see the current schema
    # Local Offer comments coded into themes with today's keywords (issue 17), once after the keywords change. Only
    # if nobody else has the file: the Impact page counts the comments themselves until the codes match the keywords.
    patterns = themes.theme_patterns(themes.theme_rules())
    with db.reading(path) as con:
        coded = cells.is_coded(con, patterns)
    if not coded:
        try:
            with db.writing(path, wait=0) as con, transaction(con):
                cells.code_themes(con, patterns)
        except (db.DatabaseBusy, duckdb.ConnectionException):  # busy, or open in this process with another mode
            pass
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


def shared_options() -> dict:
    """Return the values the shared filters can take (filter_options, and the quarters Home and Action plan show)."""
    return cached(shared)()  # filter_options and common.reporting_quarters in one statement


def quarter_picker(label: str = "Quarter") -> str | None:
    """Show the quarter selector (latest first) and return the chosen quarter; it is the shared state's quarter, so it
    is in the address and follows the reader to every page."""
    quarters = shared_options()["reporting_quarters"]
    if not quarters:
        return None
    state = filter_state.current(shared_options())
    filter_state.seed(QUARTER_KEY, state.quarter if state.quarter in quarters else quarters[-1])
    quarter = st.selectbox(
        label, list(reversed(quarters)), key=QUARTER_KEY, help="UK financial quarters: Q1 is April to June."
    )
    filter_state.drawn(QUARTER_KEY, quarter)
    filter_state.save(replace(filter_state.current(shared_options()), quarter=quarter))
    filter_state.show_notices()  # Home has no other filter: say here what the link asked for that was left out
    return quarter


def workstream_picker(where=st) -> tuple[str, ...]:
    """Show the shared workstream filter (several may be chosen) and return the chosen codes, e.g. ('B3', 'B4')."""
    state = filter_state.current(shared_options())
    filter_state.seed(WORKSTREAM_KEY, list(state.workstreams))
    chosen = where.multiselect(
        "Workstream",
        list(config.WORKSTREAMS),
        key=WORKSTREAM_KEY,
        format_func=workstream_label,
        placeholder="All workstreams",
        help="Narrows indicators to the questions tagged with a chosen workstream, and activities, actions and "
        "feedback themes to those workstreams. The same choice applies on every page.",
    )
    filter_state.drawn(WORKSTREAM_KEY, chosen)
    filter_state.save(replace(filter_state.current(shared_options()), workstreams=tuple(chosen)))
    return tuple(chosen)


def workstream_label(code: str) -> str:
    """Return 'B4 Participation and co-production: children and young people'."""
    return f"{code} {config.WORKSTREAMS.get(code, '')}".strip()
