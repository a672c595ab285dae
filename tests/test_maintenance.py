"""Backup and restore give back exactly what was there; retention removes only what is old, and says so."""

import datetime as dt

import duckdb
import pytest

from impact.store import db
from pipelines.__main__ import main
from pipelines.maintenance import backup_database, remove_older_than, restore_database
from tests.conftest import load_fixture

TABLES = ["uploads", "responses", "answers", "actions", "action_updates", "activities", "population_baseline"]


def snapshot(path) -> dict:
    con = duckdb.connect(str(path))
    try:
        return {t: sorted(map(repr, con.execute(f"select * from {t}").fetchall())) for t in TABLES}
    finally:
        con.close()


def test_backup_then_restore_gives_back_every_row(sample_db_copy, tmp_path):
    before = snapshot(sample_db_copy)
    backup = backup_database(sample_db_copy, tmp_path / "backup.duckdb")
    con = db.connect(sample_db_copy)
    con.execute("delete from answers")
    con.execute("delete from responses")
    con.close()
    assert snapshot(sample_db_copy)["responses"] == []
    restore_database(backup, sample_db_copy)
    assert snapshot(sample_db_copy) == before
    con = db.connect(sample_db_copy)
    assert con.execute("select action from audit_log order by audit_id desc limit 1").fetchone() == ("restore",)
    # The restored database keeps working: its id sequences continue after the restored rows.
    assert load_fixture(con, "big_bang_small.csv", "big_bang").status == "loaded"
    con.close()


def test_backup_never_overwrites_and_restore_refuses_a_file_that_is_not_a_backup(sample_db_copy, tmp_path):
    existing = tmp_path / "exists.duckdb"
    existing.write_bytes(b"")
    with pytest.raises(FileExistsError):
        backup_database(sample_db_copy, existing)
    stranger = tmp_path / "other.duckdb"
    duckdb.connect(str(stranger)).close()
    with pytest.raises(ValueError, match="not a SEND Impact Monitor backup"):
        restore_database(stranger, sample_db_copy)
    assert snapshot(sample_db_copy)["responses"]


def test_retention_removes_only_older_responses_and_records_it(sample_db_copy):
    con = db.connect(sample_db_copy)
    cutoff = dt.date(2025, 1, 1)
    old, new = con.execute(
        "select count(*) filter (where submitted_at < ?), count(*) filter (where submitted_at >= ?) from responses",
        [cutoff, cutoff],
    ).fetchone()
    removed = remove_older_than(con, cutoff, who="test")
    assert removed["responses"] == old > 0
    assert con.execute("select count(*) from responses").fetchone()[0] == new
    assert (
        con.execute(
            "select count(*) from answers where response_id not in (select response_id from responses)"
        ).fetchone()[0]
        == 0
    )
    detail = con.execute("select detail from audit_log where action = 'retention'").fetchone()[0]
    assert "Removed data dated before 01 Jan 2025" in detail
    con.close()


def test_retention_command_previews_then_says_what_it_removed(sample_db_copy, monkeypatch, capsys):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_copy))
    count = "select count(*) from responses"
    before = snapshot(sample_db_copy)
    assert main(["retention", "--months", "24", "--preview"]) == 0
    preview = capsys.readouterr().out
    assert preview.startswith("Would remove data dated before") and "nothing was removed" in preview
    assert snapshot(sample_db_copy) == before
    assert main(["retention", "--months", "24"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Removed data dated before") and "responses" in out
    # The preview counted exactly what the run removed.
    with duckdb.connect(str(sample_db_copy), read_only=True) as after:
        removed = len(before["responses"]) - after.execute(count).fetchone()[0]
    assert removed > 0 and f"  {removed} responses, the oldest dated 01 Oct 2023" in preview


def test_loads_and_removals_are_in_the_audit_log(con):
    loaded = load_fixture(con, "big_bang_small.csv", "big_bang")
    from pipelines.load import remove_upload

    remove_upload(con, loaded.load.upload_id, "Pat Officer")
    entries = con.execute("select who, action, detail from audit_log order by audit_id").fetchall()
    assert [(who, action) for who, action, _ in entries] == [("test", "load"), ("Pat Officer", "remove_load")]
    assert "big_bang_small.csv" in entries[0][2] and "6 rows" in entries[0][2]
    assert "6 responses" in entries[1][2]
