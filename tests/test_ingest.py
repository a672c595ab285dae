"""The whole pipeline into a real DuckDB file: what loads, what is refused, and what the officer is told."""

from tests.conftest import count, load_fixture


def test_good_export_loads_responses_answers_and_an_upload_record(con):
    result = load_fixture(con, "big_bang_small.csv", "big_bang")
    assert result.status == "loaded", result.prepared.problems
    assert count(con, "responses") == 6
    assert result.prepared.unmatched == ["IP Address"]
    upload = con.execute("select kind, file_name, rows_loaded, length(sha256) from uploads").fetchone()
    assert upload == ("big_bang", "big_bang_small.csv", 6, 64)


def test_identifying_details_are_never_stored(con):
    load_fixture(con, "big_bang_small.csv", "big_bang")
    stored = " ".join(str(v) for row in con.execute("select * from answers").fetchall() for v in row)
    assert "sam@example.org" not in stored and "07700" not in stored and "192.0.2" not in stored
    assert "[email removed]" in stored


def test_loading_the_same_file_twice_loads_it_once(con):
    load_fixture(con, "big_bang_small.csv", "big_bang")
    again = load_fixture(con, "big_bang_small.csv", "big_bang")
    assert again.status == "already_loaded" and "already loaded" in again.message
    assert count(con, "responses") == 6 and count(con, "uploads") == 1


def test_a_later_overlapping_export_loads_only_new_responses(con):
    load_fixture(con, "big_bang_small.csv", "big_bang")
    later = load_fixture(con, "big_bang_later_export.csv", "big_bang")
    assert (later.load.rows_loaded, later.load.rows_skipped) == (2, 1)
    assert count(con, "responses") == 8


def test_bad_values_load_nothing_and_each_problem_is_reported(con):
    load_fixture(con, "big_bang_small.csv", "big_bang")
    before = con.execute("select count(*) from answers").fetchone()[0]
    result = load_fixture(con, "big_bang_bad_values.csv", "big_bang")
    assert result.status == "rejected"
    sentences = [p.sentence() for p in result.prepared.problems]
    assert any("date submitted" in s and "row 3" in s and "31/02/2024" in s for s in sentences), sentences
    assert any("age" in s and "0 to 25" in s and "'31'" in s for s in sentences), sentences
    assert any("age" in s and "could not be read" in s and "'-2'" in s for s in sentences), sentences
    assert any("area" in s and "Westside" in s for s in sentences), sentences
    assert any("I feel listened to" in s and "Agreed" in s for s in sentences), sentences
    assert count(con, "responses") == 6 and count(con, "answers") == before and count(con, "uploads") == 1


def test_missing_required_column_is_named(con):
    result = load_fixture(con, "big_bang_missing_date.csv", "big_bang")
    assert result.status == "rejected"
    assert [p.sentence() for p in result.prepared.problems] == [
        "No column for date submitted was found; it is required."
    ]
    assert count(con, "responses") == 0


def test_a_file_for_another_survey_is_refused_in_one_sentence(con):
    result = load_fixture(con, "big_bang_small.csv", "local_offer")
    assert result.status == "rejected"
    assert "does not look like a Local Offer feedback export" in result.prepared.problems[0].sentence()


def test_action_updates_load_after_their_actions_and_keep_history(con):
    assert load_fixture(con, "actions_small.csv", "actions").status == "loaded"
    assert load_fixture(con, "action_updates_small.csv", "action_updates").status == "loaded"
    rag = con.execute("select rag from action_status where action_code = 'B5-01'").fetchone()[0]
    assert rag == "Green"  # "green" in the file, spelled canonically
    assert count(con, "action_updates") == 5


def test_updates_for_unknown_actions_or_bad_values_are_refused(con):
    load_fixture(con, "actions_small.csv", "actions")
    result = load_fixture(con, "action_updates_bad.csv", "action_updates")
    sentences = " ".join(p.sentence() for p in result.prepared.problems)
    assert result.status == "rejected"
    assert "ZZ-99" in sentences and "Purple" in sentences and "Going well" in sentences and "'130'" in sentences
    assert count(con, "action_updates") == 0
