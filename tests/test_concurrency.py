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


def test_a_second_process_is_told_to_retry_while_the_dashboard_holds_the_database(empty_db_path):
    holder = db.connect(empty_db_path)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "pipelines", "ingest", "--survey", "big_bang", "tests/data/big_bang_small.csv"],
            cwd=ROOT,
            env={**os.environ, "SEND_IMPACT_DB": str(empty_db_path)},
            capture_output=True,
            text=True,
        )
    finally:
        holder.close()
    assert run.returncode == 2
    assert "in use by another process" in run.stdout and "retry" in run.stdout


def _masks(n):
    return [[bool(i >> bit & 1) for bit in range(n)] for i in range(2**n)]
