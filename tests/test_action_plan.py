"""Action plan numbers against a hand-counted fixture, and recording updates from the app.

tests/data/actions_tiny.csv and action_updates_tiny*.csv, counted by hand for 2025-26 Q2 (quarter ends 30 Sep 2025):
- T-01 B3 Green -> Red (moved to red); T-02 B3 Red, Amber, Amber, due 31 May 2025 (overdue since Q1);
- T-03 B4 Green -> Red, due 31 Aug 2025 (moved to red, newly overdue); T-04 B4 Green, corrected to Complete;
- T-05 A4 Amber, Red, Red (IDA 2); T-06 A4 started Apr 2025, no Q2 update; T-07 B3 starts Jan 2026.
"""

import pytest

from impact.queries import actions as queries
from pipelines.action_updates import form_message, record_action_update
from tests.conftest import count, load_fixture

Q2, Q1 = "2025-26 Q2", "2025-26 Q1"
ALL = queries.ActionFilters()
B3_B4 = queries.ActionFilters(workstreams=("B3", "B4"))


@pytest.fixture
def tiny(con):
    """An empty database with the tiny plan and its updates loaded through the real pipeline."""
    for name, kind in [
        ("actions_tiny.csv", "actions"),
        ("action_updates_tiny.csv", "action_updates"),
        ("action_updates_tiny_correction.csv", "action_updates"),
    ]:
        assert load_fixture(con, name, kind).status == "loaded"
    return con


def test_quarter_summary_matches_the_hand_count(tiny):
    counts = queries.quarter_counts(tiny, Q2, ALL)
    assert counts == queries.QuarterCounts(
        updated=5, green=0, amber=1, red=3, complete=1, overdue=2, overdue_red=1, no_update=1
    )
    assert (counts.on_track.positive, counts.on_track.base) == (1, 5)
    before = queries.quarter_counts(tiny, Q1, ALL)
    assert (before.updated, before.on_track.positive, before.red, before.overdue) == (6, 4, 1, 1)


def test_summary_follows_the_workstream_filter(tiny):
    counts = queries.quarter_counts(tiny, Q2, B3_B4)
    assert (counts.updated, counts.red, counts.amber, counts.complete, counts.overdue, counts.no_update) == (
        4, 2, 1, 1, 2, 0,
    )  # fmt: skip
    by_workstream = queries.rag_by_workstream(tiny, Q2, ALL)
    assert set(by_workstream.itertuples(index=False, name=None)) == {
        ("A4", "Red", 1), ("B3", "Red", 1), ("B3", "Amber", 1), ("B4", "Red", 1), ("B4", "Complete", 1),
    }  # fmt: skip


def test_changes_since_last_quarter_are_listed_by_kind(tiny):
    changes = queries.changes_since_last_quarter(tiny, Q2, ALL)
    found = {(row.change, row.action_code) for row in changes.itertuples()}
    assert found == {
        ("Moved to red", "T-01"), ("Moved to red", "T-03"), ("Completed", "T-04"), ("Newly overdue", "T-03"),
    }  # fmt: skip


def test_off_track_actions_say_since_when_and_what_was_said(tiny):
    off_track = queries.actions_off_track(tiny, Q2, ALL).set_index("action_code")
    assert list(off_track.index) == ["T-05", "T-01", "T-03", "T-02"]  # red first, then by workstream
    assert off_track.loc["T-05", ["rated_since", "quarters_at_rating", "not_on_track_since"]].tolist() == [
        "2025-26 Q1", 2, "2024-25 Q4",
    ]  # fmt: skip
    assert off_track.loc["T-02", ["rag", "rated_since", "not_on_track_since"]].tolist() == [
        "Amber", "2025-26 Q1", "2024-25 Q4",
    ]  # fmt: skip
    assert off_track.loc["T-01", "rated_since"] == "2025-26 Q2"
    assert off_track.loc["T-01", "note"] == "Venues withdrawn; new venues being sought"
    assert list(queries.overdue_actions(tiny, Q2, ALL)["action_code"]) == ["T-02", "T-03"]
    assert list(queries.actions_without_update(tiny, Q2, ALL)["action_code"]) == ["T-06"]


def test_timeline_shows_only_the_chosen_workstreams(tiny):
    timeline = queries.action_timeline(tiny, Q2, B3_B4)
    assert set(timeline["workstream"]) == {"B3", "B4"}
    assert set(timeline["action_code"]) == {"T-01", "T-02", "T-03", "T-04", "T-07"}
    assert timeline.set_index("action_code").loc["T-07", "rag"] == queries.NO_UPDATE


def test_inspection_areas_list_all_21_with_their_actions(tiny):
    areas = queries.inspection_areas(tiny, Q2, ALL).set_index("area")
    assert len(areas) == 21 and areas.index[0] == "IDA 1" and areas.index[-1] == "ADD 21"
    assert areas.loc["IDA 2", ["actions", "red"]].tolist() == [1, 1]
    assert areas.loc["IDA 10", "action_ratings"] == "T-03 Red"
    assert areas.loc["IDA 6", "actions"] == 0
    assert "Joint Commissioning and Performance Group" in areas.loc["IDA 2", "accountable_groups"]
    b4 = queries.inspection_areas(tiny, Q2, queries.ActionFilters(workstreams=("B4",)))
    assert list(b4["area"]) == ["IDA 10"]


def test_a_correction_supersedes_but_keeps_the_earlier_update(tiny):
    history = queries.action_history(tiny, "T-04").set_index("rag")
    assert list(history.index) == ["Complete", "Green", "Green"]  # Q2 corrected, Q2 original, Q1
    assert history.loc["Complete", "is_current"] and not history.loc["Green"].iloc[0]["is_current"]
    assert history.loc["Green"].iloc[0]["quarter"] == Q2


def test_a_new_update_is_appended_and_the_history_is_kept(tiny):
    before = queries.action_history(tiny, "T-01")
    result = record_action_update(
        tiny, "T-01", Q2, "In progress", "amber", 50, "New venues found. Call 07700 900123", "Participation Officer"
    )
    assert result.ok and result.corrects_earlier
    after = queries.action_history(tiny, "T-01")
    assert len(after) == len(before) + 1
    original = after[after["note"] == "Venues withdrawn; new venues being sought"].iloc[0]
    assert not original["is_current"] and original["corrected_by"] == "Participation Officer"
    newest = after.iloc[0]
    assert (newest["rag"], newest["is_current"]) == ("Amber", True)
    assert newest["note"] == "New venues found. Call [phone removed]"  # notes are free text: no phone numbers
    assert queries.quarter_counts(tiny, Q2, ALL).red == 2  # T-01 now counts as amber
    assert tiny.execute("select who, action from audit_log where action <> 'load'").fetchall() == [
        ("Participation Officer", "action_update")
    ]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"action_code": "ZZ-99"}, "Action ('ZZ-99'): not an action in any loaded action plan"),
        ({"rag": "Purple"}, "RAG rating ('Purple'): not one of the accepted answers (Red, Amber, Green, Complete)"),
        ({"status": "Going well"}, "Status ('Going well'): not one of the accepted answers"),
        ({"percent_complete": 130}, "Percent complete ('130'): outside the allowed range 0 to 100"),
        ({"percent_complete": -5}, "Percent complete ('-5'): outside the allowed range 0 to 100"),
        ({"quarter": "Q2 2025"}, "Quarter ('Q2 2025'): not a financial quarter written like 2025-26 Q3"),
        ({"updated_by": "  "}, "your role is required"),
    ],
)
def test_a_bad_update_is_refused_with_a_clear_message_and_nothing_written(tiny, change, message):
    update = {
        "action_code": "T-01",
        "quarter": Q2,
        "status": "In progress",
        "rag": "Green",
        "percent_complete": 50,
        "note": "",
        "updated_by": "Participation Officer",
    } | change
    rows, logged = count(tiny, "action_updates"), count(tiny, "audit_log")
    result = record_action_update(tiny, **update)
    assert not result.ok
    assert any(message in form_message(p) for p in result.problems), [form_message(p) for p in result.problems]
    assert count(tiny, "action_updates") == rows and count(tiny, "audit_log") == logged


def test_a_plan_with_a_due_date_before_its_start_is_refused(con):
    result = load_fixture(con, "actions_due_before_start.csv", "actions")
    assert result.status == "rejected"
    assert [p.sentence() for p in result.prepared.problems] == [
        "Column 'due date': before the action's start date in row 2, for example '31/03/2025'."
    ]
    assert count(con, "actions") == 0


def test_a_file_update_for_an_unknown_action_names_it(con):
    load_fixture(con, "actions_tiny.csv", "actions")
    result = load_fixture(con, "action_updates_bad.csv", "action_updates")
    assert "Column 'action code': not an action in any loaded action plan" in result.prepared.problems[0].sentence()
    assert "'ZZ-99'" in result.prepared.problems[0].sentence()


def test_the_sample_plan_matches_its_story(sample_db_path):
    from impact.store import db

    con = db.connect(sample_db_path)  # read-write, as the app in this test process opens it
    counts = queries.quarter_counts(con, "2026-27 Q2", ALL)
    assert (counts.updated, counts.complete, counts.overdue, counts.overdue_red) == (42, 20, 6, 6)
    a4 = queries.actions_off_track(con, "2026-27 Q2", queries.ActionFilters(workstreams=("A4",)))
    assert set(a4["rated_since"]) == {"2025-26 Q2"}  # A4 slipped to red from 2025-26 Q2
    con.close()
