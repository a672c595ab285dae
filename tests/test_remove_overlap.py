"""Removing a load takes away only what no other load contains, and every load can be loaded again after."""

from impact.store.load_history import removable_loads
from pipelines.load import remove_upload
from tests.conftest import count, load_fixture

# big_bang_small.csv holds 6 responses; big_bang_later_export.csv holds one of them again and 2 new ones.
EARLIER, LATER = "big_bang_small.csv", "big_bang_later_export.csv"


def ids(con) -> set[str]:
    return {row[0] for row in con.execute("select source_response_id from responses").fetchall()}


def test_removing_an_earlier_export_keeps_what_a_later_export_also_holds(con):
    earlier = load_fixture(con, EARLIER, "big_bang").load.upload_id
    later = load_fixture(con, LATER, "big_bang").load.upload_id
    both = ids(con)
    loads = removable_loads(con).set_index("upload_id")
    assert (loads.loc[earlier, "responses"], loads.loc[earlier, "kept"]) == (5, 1)
    assert remove_upload(con, earlier, "test") == 5
    assert count(con, "responses") == 3  # the later export's three, the shared one included
    shared_answers = con.execute(
        "select count(*) from answers join responses using (response_id) where upload_id = ?", [later]
    ).fetchone()[0]
    assert shared_answers > 0
    detail = con.execute("select detail from audit_log where action = 'remove_load'").fetchone()[0]
    assert detail.endswith(f"5 responses; kept 1 responses that load {later} also contains")
    # The earlier export loads again (it was removed, so it is not "already loaded") and everything is back.
    again = load_fixture(con, EARLIER, "big_bang")
    assert again.status == "loaded" and (again.load.rows_loaded, again.load.rows_skipped) == (5, 1)
    assert ids(con) == both


def test_removing_the_later_export_then_the_earlier_leaves_nothing_and_both_reload(con):
    earlier = load_fixture(con, EARLIER, "big_bang").load.upload_id
    later = load_fixture(con, LATER, "big_bang").load.upload_id
    assert remove_upload(con, later, "test") == 2  # its two new responses; the shared one was the earlier's
    assert count(con, "responses") == 6
    assert remove_upload(con, earlier, "test") == 6
    assert count(con, "responses") == 0 and count(con, "answers") == 0
    for name in (LATER, EARLIER):
        assert load_fixture(con, name, "big_bang").status == "loaded"
    assert count(con, "responses") == 8
