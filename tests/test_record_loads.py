"""Loads of the non-survey inputs (pipelines/changes.py, record_loads.py): what a file changes, a replacement,
and an undo that puts back exactly what was there, record keys and all."""

import pytest

from impact import config
from pipelines.changes import classify
from pipelines.ingest import commit, ingest, prepare
from pipelines.record_loads import undo_blockers, undo_load

SAMPLES = config.SAMPLES_DIR
TABLES = ["actions", "action_updates", "population_baseline", "activities", "activity_attendance"]


def snapshot(con) -> dict[str, list]:
    """Every row of the record tables, in a fixed order, record keys included."""
    return {table: con.execute(f"select * from {table} order by all").fetchall() for table in TABLES}


def load(con, kind: str, name: str, content: bytes, replaces: int | None = None):
    result = commit(con, prepare(con, content, name, kind), "test", replaces=replaces)
    assert result.status == "loaded", result.message
    return result.load.upload_id


def edited_actions() -> bytes:
    """The sample plan with one title changed, the last two actions gone and a new action."""
    lines = (SAMPLES / "actions.csv").read_text().splitlines()
    new = "NEW-01,Participation action plan,A new action,B3,Participation Group,Lead,,01/04/2025,31/03/2026"
    return "\n".join([lines[0], lines[1].replace("Reduce waits", "Cut waits"), *lines[2:-2], new]).encode()


def test_preview_names_new_changed_unchanged_and_what_a_replacement_removes(con):
    first = load(con, "actions", "actions.csv", (SAMPLES / "actions.csv").read_bytes())
    prepared = prepare(con, edited_actions(), "actions_v2.csv", "actions")
    changes = classify(con, "actions", prepared.frame, replaces=first)
    assert [changes.count(c) for c in ("new", "changed", "unchanged", "removed")] == [1, 1, 39, 2]
    changed = changes.records.set_index("record").loc["IDA-01", "what changes"]
    assert changed.startswith("title: 'Reduce waits") and "to 'Cut waits" in changed
    assert "2 from load 1 that this file does not have will be removed" in changes.sentence()


def test_a_replacement_removes_what_the_file_lacks_and_its_undo_puts_the_replaced_load_back_exactly(con):
    first = load(con, "actions", "actions.csv", (SAMPLES / "actions.csv").read_bytes())
    before = snapshot(con)
    second = load(con, "actions", "actions_v2.csv", edited_actions(), replaces=first)
    assert con.execute("select count(*) from actions").fetchone()[0] == 41
    assert con.execute("select replaced_by from uploads where upload_id = ?", [first]).fetchone()[0] == second
    message = undo_load(con, second, "test")
    assert "load 1, which it replaced, counts again" in message
    assert snapshot(con) == before
    assert con.execute("select count(*) from undo_actions").fetchone()[0] == 0


# input, sample, the column of a count in it (children, attendees, percent complete)
COUNTS = [("baseline", "population_baseline.csv", 4), ("activities", "activities.csv", 8)]
COUNTS += [("action_updates", "action_updates.csv", 4)]


@pytest.mark.parametrize(("kind", "name", "column"), COUNTS)
def test_undoing_a_load_that_changed_records_restores_them_with_their_record_keys(kind, name, column, con):
    ingest(con, (SAMPLES / "actions.csv").read_bytes(), "actions.csv", "actions", "test")
    lines = (SAMPLES / name).read_text().splitlines()
    load(con, kind, name, (SAMPLES / name).read_bytes())
    before = snapshot(con)
    # The same records with the first row's count changed and one row fewer: one changed, the rest taken over.
    first = lines[1].split(",")
    first[column] = "7" if first[column] != "7" else "8"
    edited = "\n".join([lines[0], ",".join(first), *lines[2:-1]]).encode()
    later = load(con, kind, f"edited_{name}", edited)
    assert snapshot(con) != before
    undo_load(con, later, "test")
    assert snapshot(con) == before


def test_a_load_is_undone_only_after_the_later_loads_that_changed_its_records(con):
    first = load(con, "actions", "actions.csv", (SAMPLES / "actions.csv").read_bytes())
    second = load(con, "actions", "actions_v2.csv", edited_actions())  # takes over and changes load 1's records
    assert undo_blockers(con, first) == [second]
    with pytest.raises(ValueError, match=f"Load {second} has since changed records of load {first}"):
        undo_load(con, first, "test")
    undo_load(con, second, "test")
    undo_load(con, first, "test")
    assert con.execute("select count(*) from actions").fetchone()[0] == 0


def test_an_unchanged_file_under_another_name_adds_no_update_versions(con):
    ingest(con, (SAMPLES / "actions.csv").read_bytes(), "actions.csv", "actions", "test")
    load(con, "action_updates", "action_updates.csv", (SAMPLES / "action_updates.csv").read_bytes())
    copy = (SAMPLES / "action_updates.csv").read_bytes() + b"\n"
    result = commit(con, prepare(con, copy, "copy.csv", "action_updates"), "test")
    assert "0 new updates, 0 changed, 431 unchanged" in result.message
    assert con.execute("select count(*) from action_updates").fetchone()[0] == 431


def test_the_command_line_replaces_a_load_and_removes_the_replacement(empty_db_path, monkeypatch, capsys, tmp_path):
    from pipelines.__main__ import main

    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))
    assert main(["ingest", "--input", "actions", str(SAMPLES / "actions.csv")]) == 0
    edited = tmp_path / "actions_v2.csv"
    edited.write_bytes(edited_actions())
    assert main(["ingest", "--input", "actions", "--replaces", "1", str(edited)]) == 0
    assert "2 from load 1 that this file does not have were removed" in capsys.readouterr().out
    assert main(["remove", "1"]) == 1
    assert "Load 1 was replaced by load 2: remove load 2 to put it back." in capsys.readouterr().out
    assert main(["remove", "2"]) == 0
    assert "load 1, which it replaced, counts again" in capsys.readouterr().out


def test_retention_also_removes_the_undo_copies_of_old_activities(con):
    """An activity past the retention period must not come back by undoing the load that replaced it."""
    import datetime as dt

    from pipelines.maintenance import remove_older_than

    first = load(con, "activities", "activities.csv", (SAMPLES / "activities.csv").read_bytes())
    lines = (SAMPLES / "activities.csv").read_text().splitlines()
    load(con, "activities", "activities_v2.csv", "\n".join(lines[:2]).encode(), replaces=first)
    assert con.execute("select count(*) from undo_activities").fetchone()[0] > 0
    cutoff = dt.date(2100, 1, 1)  # every activity is older than this
    remove_older_than(con, cutoff, who="test")
    assert con.execute("select count(*) from undo_activities").fetchone()[0] == 0
    assert con.execute("select count(*) from undo_activity_attendance").fetchone()[0] == 0
