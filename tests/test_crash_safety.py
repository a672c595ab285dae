"""A loading process killed at a random moment leaves the database exactly as before or after each file."""

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from impact import config
from impact.store import cells, db
from pipelines.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
FILES = ["involvement_2024.csv", "involvement_2025.csv", "involvement_2026.csv"]
# The parent validates every file once (slow: imports Great Expectations), times one whole load in a forked child, then
# for each attempt forks a child that opens that attempt's database and loads the files one transaction each, and
# kills it after the given share of that time, so kills land before, between and inside files on any machine. Forked
# children skip the import and validation, most of each attempt's time, and are still real processes, SIGKILLed.
CHILD = """
import os, signal, sys, time, traceback
from pathlib import Path
from impact.store import db
from pipelines.ingest import commit, prepare
con = db.connect(sys.argv[1], read_only=True)
names = sys.argv[3].split(",")
prepared = [prepare(con, (Path(sys.argv[2]) / name).read_bytes(), name, "involvement") for name in names]
con.close()

def load(database, share_of_whole_load=None):
    started, writing = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            con = db.connect(database)
            os.write(writing, b"w")
            for item in prepared:
                commit(con, item, "crash test")
            con.close()
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    os.read(started, 1)
    began = time.monotonic()
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if share_of_whole_load is not None and time.monotonic() > began + share_of_whole_load * whole_load:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        time.sleep(0.002)
    os.close(started), os.close(writing)
    return time.monotonic() - began

whole_load = load(sys.argv[4])
for attempt in sys.argv[5:]:
    database, share = attempt.rsplit(":", 1)
    load(database, float(share))
print("done", flush=True)
"""


def state(path: Path) -> tuple:
    """Return (files loaded, responses, answers) as the database holds them."""
    con = duckdb.connect(str(path))
    try:
        files = tuple(
            sorted(r[0] for r in con.execute("select file_name from uploads where kind = 'involvement'").fetchall())
        )
        counted = con.execute(
            "select (select count(*) from responses), (select count(*) from answers), "
            "(select sum(responses) from response_cells), (select sum(answered) from answer_cells)"
        ).fetchone()
        # The counted cells (migrations 080-083) are written in the load's own transaction: whole with the rows.
        assert counted[2] == counted[0], counted
        assert counted[3] == con.execute("select count(*) from answers where is_positive is not null").fetchone()[0]
        return files, *counted[:2]
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
    cells.rebuild(con)  # the counted cells follow the rows removed by hand
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


def test_killing_a_load_at_random_moments_never_leaves_a_partial_file(expected_states, tmp_path):
    start, states = expected_states
    chooser = random.Random(20261123)
    attempts = []
    for attempt in range(20):
        database = tmp_path / f"attempt{attempt}.duckdb"
        shutil.copy(start, database)
        attempts.append((database, chooser.uniform(0.0, 1.0)))  # the share of a whole load's time before the kill
    timed = tmp_path / "timed.duckdb"
    shutil.copy(start, timed)
    loader = subprocess.run(
        [sys.executable, "-c", CHILD, str(start), str(config.SAMPLES_DIR), ",".join(FILES), str(timed)]
        + [f"{database}:{share}" for database, share in attempts],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )
    assert loader.stdout.strip() == "done", loader.stderr[-2000:]
    assert state(timed) == max(states, key=lambda s: len(s[0]))  # a load left alone loads every file
    results = [state(database) for database, _ in attempts]  # each file must open, and hold whole files only
    for attempt, after in enumerate(results):
        assert after in states, f"attempt {attempt}: partial state {after}"
    # The kills landed at different points: not every attempt finished, and not every one was empty.
    assert len({after[0] for after in results}) >= 2, results
