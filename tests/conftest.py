"""Shared fixtures: a sample database built once through the real pipeline, an empty one, and one real app and
browser that every browser test shares (starting them is the slow part)."""

import os
import shutil
from pathlib import Path

import pytest

from impact.store import db
from pipelines.ingest import ingest
from pipelines.samples import build_sample_database
from tests.browser import chromium_browser, running_dashboard
from tests.hand_counted import build_hand_counted_db, without_noise

DATA = Path(__file__).parent / "data"
# Tests act as the local admin unless they say otherwise (the app's own default is viewer: tests/test_access.py).
os.environ.setdefault("SEND_IMPACT_LOCAL_ROLE", "admin")


@pytest.fixture(scope="session")
def sample_db_path(tmp_path_factory) -> Path:
    """A database built from the shipped sample exports, as first start builds it."""
    path = tmp_path_factory.mktemp("sample") / "impact.duckdb"
    build_sample_database(path)
    return path


@pytest.fixture
def sample_db_copy(sample_db_path, tmp_path) -> Path:
    """A private copy of the sample database a test may change."""
    copy = tmp_path / "impact.duckdb"
    shutil.copy(sample_db_path, copy)
    return copy


def private_copy(database: Path, folder: Path) -> Path:
    """Copy a shared database into `folder`, for a test or module that may change it or opens it read-write."""
    copy = folder / database.name
    shutil.copy(database, copy)
    return copy


@pytest.fixture(scope="session")
def hand_counted_db_path(tmp_path_factory) -> Path:
    """The hand-counted database (tests/hand_counted.py), built once; use private_copy to change or write to it."""
    return build_hand_counted_db(tmp_path_factory.mktemp("hand") / "hand.duckdb")


@pytest.fixture
def empty_db_path(tmp_path) -> Path:
    """A database with the schema and nothing loaded."""
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    return path


@pytest.fixture
def con(empty_db_path):
    """A connection to an empty database."""
    connection = db.connect(empty_db_path)
    yield connection
    connection.close()


def load_fixture(con, name: str, kind: str):
    """Run the whole pipeline on a file in tests/data."""
    return ingest(con, (DATA / name).read_bytes(), name, kind, loaded_by="test")


def count(con, table: str) -> int:
    return con.execute(f"select count(*) from {table}").fetchone()[0]


@pytest.fixture(scope="session")
def quality_db_path(tmp_path_factory) -> Path:
    """A database holding only the small, hand-counted quality fixtures (activities, audit, feedback)."""
    path = tmp_path_factory.mktemp("quality") / "quality.duckdb"
    connection = db.connect(path)
    for name, kind in [
        ("actions_small.csv", "actions"),
        ("activities_quality_small.csv", "activities"),
        ("audit_small.csv", "audit"),
        ("feedback_loop_small.csv", "feedback_loop"),
        ("big_bang_quality_2023.csv", "big_bang"),
        ("big_bang_quality_2024.csv", "big_bang"),
    ]:
        result = load_fixture(connection, name, kind)
        assert result.status == "loaded", [p.sentence() for p in result.prepared.problems]
    without_noise(connection)  # hand-counted: counting is checked on true counts (see tests/hand_counted.py)
    connection.close()
    return path


@pytest.fixture(scope="session")
def dashboard(tmp_path_factory, sample_db_path):
    """One real `streamlit run` for the whole session, on a free port, against a copy of the sample database."""
    database = tmp_path_factory.mktemp("browser") / "impact.duckdb"
    shutil.copy(sample_db_path, database)
    with running_dashboard(database) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session."""
    with chromium_browser() as shared:
        yield shared


@pytest.fixture
def page(browser):
    """A fresh tab (its own cookies and storage) in the shared browser."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()
