"""A loading process killed at a random moment leaves the database exactly as before or after each file."""

import os
import random
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from impact import config
from impact.store import db
from pipelines.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
FILES = ["involvement_2024.csv", "involvement_2025.csv", "involvement_2026.csv"]
# The child validates every file first (slow: imports Great Expectations), says "ready", then loads them one
# transaction each, so the kill lands while data is being written.
CHILD = """
import sys
from pathlib import Path
from impact.store import db
from pipelines.ingest import commit, prepare
con = db.connect(sys.argv[1])
prepared = [prepare(con, (Path(sys.argv[2]) / name).read_bytes(), name, "involvement") for name in sys.argv[3:]]
print("ready", flush=True)
for item in prepared:
    commit(con, item, "crash test")
print("done", flush=True)
"""


def state(path: Path) -> tuple:
    """Return (files loaded, responses, answers) as the database holds them."""
    con = duckdb.connect(str(path))
    try:
        files = tuple(
            sorted(r[0] for r in con.execute("select file_name from uploads where kind = 'involvement'").fetchall())
        )
        return files, *con.execute("select (select count(*) from responses), (select count(*) from answers)").fetchone()
    finally:
        con.close()


@pytest.fixture(scope="module")
def expected_states(tmp_path_factory, sample_db_path) -> tuple[Path, set]:
    """A starting database without the involvement survey, and every state a whole-file load can leave."""
    start = tmp_path_factory.mktemp("crash") / "start.duckdb"
    shutil.copy(sample_db_path, start)
    con = db.connect(start)
    con.execute("delete from answers where survey = 'involvement'")
    con.execute("delete from responses where survey = 'involvement'")
    con.execute("delete from uploads where kind = 'involvement'")
    con.execute("checkpoint")
    con.close()
    states = {state(start)}
    replay = start.with_name("replay.duckdb")
    shutil.copy(start, replay)
    con = db.connect(replay)
    for name in FILES:
        assert ingest(con, (config.SAMPLES_DIR / name).read_bytes(), name, "involvement", "test").status == "loaded"
        con.execute("checkpoint")
        states.add(state(replay))
    con.close()
    return start, states


def load_and_kill(database: Path, delay: float) -> tuple:
    """Start a loading process, kill it `delay` seconds after it starts writing, return what it left."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(database), str(config.SAMPLES_DIR), *FILES],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout.readline().strip() == b"ready"
    try:
        child.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
    child.wait()
    return state(database)  # the file must open, and hold whole files only


def test_killing_a_load_at_random_moments_never_leaves_a_partial_file(expected_states, tmp_path):
    start, states = expected_states
    chooser = random.Random(20261123)
    attempts = []
    for attempt in range(20):
        database = tmp_path / f"attempt{attempt}.duckdb"
        shutil.copy(start, database)
        attempts.append((database, chooser.uniform(0.0, 0.45)))
    # Two at a time: each process spends most of its life importing, so this halves the wait.
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda a: load_and_kill(*a), attempts))
    for attempt, after in enumerate(results):
        assert after in states, f"attempt {attempt}: partial state {after}"
    # The kills landed at different points: not every attempt finished, and not every one was empty.
    assert len({after[0] for after in results}) >= 2, results
