"""Nothing replaces or rewrites a database in use: samples asks before replacing data and backs it up first,
restore refuses while the database is open, backup copies a database that is being read."""

import subprocess
import sys
import threading

import duckdb
import pytest

from impact.store import db
from pipelines import samples
from pipelines.__main__ import main
from pipelines.maintenance import DatabaseInUse, backup_database, restore_database
from tests.test_maintenance import snapshot

HOLD = """
import sys
from impact.store import db
con = db.connect(sys.argv[1])  # e.g. an older dashboard or a DuckDB shell: holds the file, not the lock
print("open", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def few_samples(monkeypatch):
    """Build sample databases from two of the shipped files only, through the same pipeline: quick to build."""
    monkeypatch.setattr(samples, "SAMPLE_FILES", [("baseline", "population_baseline.csv")])


def loads(path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select count(*) from uploads").fetchone()[0]
    finally:
        con.close()


def test_samples_refuses_a_database_with_data_unless_forced_and_backs_it_up_first(sample_db_copy, few_samples, capsys):
    before = snapshot(sample_db_copy)
    assert main(["samples", "--db", str(sample_db_copy)]) == 1
    out = capsys.readouterr().out
    assert "already holds data (26 loads); nothing was changed" in out and "--force" in out
    assert snapshot(sample_db_copy) == before
    assert main(["samples", "--db", str(sample_db_copy), "--force"]) == 0
    out = capsys.readouterr().out
    backups = list(sample_db_copy.parent.glob("impact.backup-*.duckdb"))
    assert len(backups) == 1 and f"Backed up {sample_db_copy} to {backups[0]}" in out
    assert snapshot(backups[0]) == before  # the data it replaced is kept, whole
    assert loads(sample_db_copy) == 2  # the few samples: the baseline and the DfE file


def test_restore_refuses_while_another_process_has_the_database_open(sample_db_copy, tmp_path):
    backup = backup_database(sample_db_copy, tmp_path / "backup.duckdb")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(sample_db_copy)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseInUse, match="is open in another process"):
            restore_database(backup, sample_db_copy)
    finally:
        holder.communicate("")
    assert list(tmp_path.glob("*before-restore*")) == [] and list(sample_db_copy.parent.glob("*before-restore*")) == []


def test_restore_refuses_while_the_dashboard_is_reading_and_works_after(sample_db_copy, tmp_path, capsys):
    backup = backup_database(sample_db_copy, tmp_path / "backup.duckdb")
    with db.reading(sample_db_copy) as reader:
        rows = reader.execute("select count(*) from responses").fetchone()[0]
        failed = []
        thread = threading.Thread(target=lambda: failed.append(_restore(backup, sample_db_copy)))
        thread.start()
        thread.join()
    assert failed == ["refused"]
    kept = restore_database(backup, sample_db_copy, "test")
    assert kept is not None and snapshot(kept)["responses"] and snapshot(sample_db_copy)["responses"]
    with db.reading(sample_db_copy) as reader:
        assert reader.execute("select count(*) from responses").fetchone()[0] == rows


def _restore(backup, target) -> str:
    try:
        restore_database(backup, target)
    except DatabaseInUse as error:
        return "refused" if "nothing was restored" in str(error) else str(error)
    return "restored"


def test_backup_copies_a_database_while_it_is_being_read(sample_db_copy, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_copy))
    target = tmp_path / "while_viewed.duckdb"
    with db.reading(sample_db_copy):
        assert main(["backup", str(target)]) == 0
    assert snapshot(target) == snapshot(sample_db_copy)
