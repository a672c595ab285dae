"""Officers loading at once both succeed in turn; viewers never see half a file; other processes retry."""

import os
import subprocess
import sys
import threading
from pathlib import Path

from impact import config
from impact.store import db
from pipelines.ingest import commit, prepare

FILES = [
    ("involvement", "involvement_2024.csv"),
    ("involvement", "involvement_2025.csv"),
    ("big_bang", "big_bang_2023.csv"),
    ("big_bang", "big_bang_2024.csv"),
]
ROOT = Path(__file__).resolve().parent.parent


def test_simultaneous_loads_in_the_app_all_succeed_and_readers_see_whole_files(empty_db_path):
    con = db.connect(empty_db_path)
    prepared = [prepare(con.cursor(), (config.SAMPLES_DIR / name).read_bytes(), name, kind) for kind, name in FILES]
    sizes = [len(p.frame) for p in prepared]
    whole = {sum(s for s, keep in zip(sizes, mask, strict=True) if keep) for mask in _masks(len(sizes))}
    results, seen, done = [], set(), threading.Event()

    def load(item):
        results.append(commit(con.cursor(), item, "officer").status)

    def watch():
        reader = con.cursor()
        while not done.is_set():
            seen.add(reader.execute("select count(*) from responses").fetchone()[0])

    watcher = threading.Thread(target=watch)
    watcher.start()
    loaders = [threading.Thread(target=load, args=(item,)) for item in prepared]
    for thread in loaders:
        thread.start()
    for thread in loaders:
        thread.join()
    done.set()
    watcher.join()
    assert results == ["loaded"] * 4
    assert con.execute("select count(*) from responses").fetchone()[0] == sum(sizes)
    assert seen <= whole, f"a reader saw a partial load: {sorted(seen - whole)}"
    con.close()


def test_two_command_line_loads_at_once_both_succeed(empty_db_path):
    # Both start while the test holds the write lock, as the dashboard does while it saves an upload: each waits
    # its turn, then loads.
    with db.writing(empty_db_path):
        runs = [
            _cli(empty_db_path, "ingest", "--survey", kind, str(config.SAMPLES_DIR / name)) for kind, name in FILES[2:]
        ]
    outcomes = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outcomes
    con = db.connect(empty_db_path)
    assert con.execute("select count(*) from uploads").fetchone()[0] == 2
    con.close()


def test_a_process_that_holds_the_file_without_the_lock_gets_a_plain_retry_message(empty_db_path):
    holder = db.connect(empty_db_path)  # e.g. a DuckDB shell left open on the file
    try:
        run = _cli(empty_db_path, "history", wait="0.5")
        out, _ = run.communicate()
    finally:
        holder.close()
    assert run.returncode == 2
    assert "in use by another process" in out and "retry" in out


def _cli(database, *args, wait="120"):
    env = {**os.environ, "SEND_IMPACT_DB": str(database), "SEND_IMPACT_LOCK_WAIT": wait}
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )


def _masks(n):
    return [[bool(i >> bit & 1) for bit in range(n)] for i in range(2**n)]
