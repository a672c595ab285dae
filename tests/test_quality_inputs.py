"""The quality inputs through the real pipeline: activities with accessibility, the participation audit and
"you said, we did"; what loads, what is refused and what the officer is told; and the in-app records."""

import datetime as dt
import json

import pytest

from impact import config
from pipelines import records
from pipelines.ingest import ingest
from pipelines.quality_inputs import audit_priorities, indicator_labels
from tests.conftest import DATA, count, load_fixture


def sentences(result) -> list[str]:
    return [p.sentence() for p in result.prepared.problems]


def test_activities_load_with_accessibility_and_what_changed(con):
    result = load_fixture(con, "activities_quality_small.csv", "activities")
    assert result.status == "loaded", sentences(result)
    rows = con.execute(
        "select activity_id, easy_read, accessible_venue, accessible_time, what_changed from activities order by 1"
    ).fetchall()
    assert rows[0] == ("Q-1", True, True, True, "Forum rewrote the survey questions")
    assert rows[2] == ("Q-3", None, None, None, None)  # blank means not recorded, never "no"
    assert rows[3][1] is True  # "Y" read as yes
    assert count(con, "activity_attendance") == 7


def test_bad_activity_rows_are_named_and_nothing_loads(con):
    result = load_fixture(con, "activities_quality_bad.csv", "activities")
    assert result.status == "rejected"
    found = sentences(result)
    assert (
        "Column 'easy read': not Yes or No (leave it blank if it was not recorded) in row 2, for example 'Maybe'."
        in found
    )
    assert any("accessible time" in s and "row 3" in s and "'sometimes'" in s for s in found), found
    assert any("ladder_level" in s and "Tokenism" in s for s in found), found
    assert count(con, "activities") == 0 and count(con, "uploads") == 0


def test_an_activity_whose_rows_disagree_is_refused(con):
    text = (DATA / "activities_quality_small.csv").read_text()
    text = text.replace("17-19,3,yes,Yes,Yes", "17-19,3,no,Yes,Yes")
    result = ingest(con, text.encode(), "activities.csv", "activities", "test")
    assert sentences(result) == [
        "Column 'accessibility and what changed': different on two rows of the same activity: give one answer per "
        "activity in 2 rows (2, 3), for example 'Q-1'."
    ]


def test_an_activities_file_without_the_new_columns_still_loads(con):
    lines = (DATA / "activities_quality_small.csv").read_text().splitlines()
    older = "\n".join(",".join(line.split(",")[:9]) for line in lines).encode()
    assert ingest(con, older, "older activities.csv", "activities", "test").status == "loaded"
    assert con.execute(
        "select count(*) from activities where easy_read is null and what_changed is null"
    ).fetchone() == (5,)


def test_audit_loads_codes_wordings_and_a_services_own_priority(con):
    result = load_fixture(con, "audit_small.csv", "audit")
    assert result.status == "loaded", sentences(result)
    assert result.prepared.unmatched == ["Completed by"]  # names are never read
    rows = con.execute(
        """select audit_year, priority_code, priority_label, rating from audit_latest
        where service = 'Alpha Service' and audit_year = '2025-26' order by priority_code nulls last"""
    ).fetchall()
    assert rows == [
        ("2025-26", "P01", "Staff understand co-production", "Embedded"),
        ("2025-26", "P02", "Engagement at all levels", "In progress"),
        ("2025-26", None, "We meet families at home before every…", "Not started"),
    ]
    assert con.execute(
        "select rating from audit_latest where service = 'Beta Service' and priority_code = 'P02' "
        "and audit_year = '2025-26'"
    ).fetchone() == ("Not applicable",)


def test_bad_audit_rows_are_each_explained(con):
    result = load_fixture(con, "audit_bad.csv", "audit")
    assert result.status == "rejected"
    found = sentences(result)
    expected = [
        "Column 'audit year': blank or not an audit year such as 2025-26 in row 2, for example '2025-27'.",
        "Column 'priority': not one of the audit tool's priorities (give its wording or its code, P01 to P20, "
        "or put Yes under 'Own priority' if the service added it) in row 3, for example 'Staff are nice'.",
        "Column 'rating ('Where are we?')': not one of the accepted answers (Embedded, In progress, Not started, "
        "Not applicable) in row 4, for example 'Great'.",
        "Column 'date completed': a date in the future in row 6, for example '01/01/2030'.",
        "Column 'service': blank or unreadable, but a value is required in row 7, for example 'blank'.",
        "Column 'own priority': not Yes or No (leave it blank if it was not recorded) in row 7, for example 'Perhaps'.",
    ]
    for sentence in expected:
        assert sentence in found, found
    # P03 given by code and by its wording for the same service and year.
    assert any("the same priority rated more than once" in s and "(5, 6)" in s for s in found), found
    assert count(con, "audit_ratings") == 0


def test_a_later_audit_rating_is_kept_beside_the_earlier_one(con):
    load_fixture(con, "audit_small.csv", "audit")
    fields = {"service": "Alpha Service", "audit_year": "2025-26", "priority": "P02", "rating": "Embedded"}
    assert records.record_audit_rating(con, fields, "Participation officer").saved
    latest = con.execute(
        "select rating, recorded_by from audit_latest where service = 'Alpha Service' and audit_year = '2025-26' "
        "and priority_code = 'P02'"
    ).fetchone()
    assert latest == ("Embedded", "Participation officer")
    assert count(con, "audit_ratings") == 12  # 11 from the file, nothing overwritten


def test_feedback_loads_after_its_actions_with_canonical_values(con):
    load_fixture(con, "actions_small.csv", "actions")
    result = load_fixture(con, "feedback_loop_small.csv", "feedback_loop")
    assert result.status == "loaded", sentences(result)
    rows = con.execute(
        "select entry_id, source, raised_by, fed_back, action_code, workstream, indicator, days_to_respond "
        "from feedback_loop order by entry_id"
    ).fetchall()
    assert rows[0] == ("F-1", "big_bang", "Young person", True, "B4-01", "B4", "listened_to", 100)
    assert rows[2] == ("F-3", "local_offer", None, False, "B5-01", "B5", "local_offer_useful", 30)
    assert rows[3][1:4] == ("other", "Parent carer", True)
    assert rows[4][2] is None  # "Everyone"


def test_bad_feedback_rows_are_each_explained(con):
    load_fixture(con, "actions_small.csv", "actions")
    result = load_fixture(con, "feedback_loop_bad.csv", "feedback_loop")
    assert result.status == "rejected"
    found = sentences(result)
    expected = [
        "Column 'reference': the same reference used on more than one row in 2 rows (2, 3), for example 'F-1'.",
        "Column 'date responded': earlier than the date raised in row 2, for example '10/03/2023'.",
        "Column 'source': not a source we know: Big Bang survey, SEND involvement survey, Local Offer feedback or "
        "Other in row 3, for example 'TikTok'.",
        "Column 'raised by': not a group we know: Young person, Parent carer or Professional (blank for everyone) "
        "in row 3, for example 'Teacher'.",
        "Column 'linked action': not an action in the loaded action plans in row 3, for example 'ZZ-99'.",
        "Column 'you said (theme)': blank or unreadable, but a value is required in row 4, for example 'blank'.",
        "Column 'date raised': blank or not a date we could read, but it is required in row 4, "
        "for example '31/02/2025'.",
        "Column 'date raised': a date in the future in row 5, for example '01/01/2030'.",
    ]
    for sentence in expected:
        assert sentence in found, found
    assert any("fed back" in s and "'Maybe'" in s for s in found), found
    assert any("indicator it should move" in s and "'Happiness'" in s for s in found), found
    assert any("we did (response)" in s and "fed back is Yes" in s and "row 4" in s for s in found), found
    assert count(con, "feedback_entries") == 0 and count(con, "uploads") == 1  # only the actions


def test_an_older_file_never_blanks_a_response_already_recorded(con):
    load_fixture(con, "actions_small.csv", "actions")
    load_fixture(con, "feedback_loop_small.csv", "feedback_loop")
    fields = {"response": "Daytime clinic added", "date_responded": dt.date(2025, 6, 1), "fed_back": "Yes"}
    assert records.record_response(con, "F-2", fields, "Participation officer").saved
    # The log exported again from a copy made before the response was typed in: F-2 is blank there.
    header, *rows = (DATA / "feedback_loop_small.csv").read_text().splitlines()
    older = "\n".join([header, rows[1].replace("too long", "far too long")]).encode()
    assert ingest(con, older, "older copy.csv", "feedback_loop", "test").status == "loaded"
    assert con.execute("select theme, response from feedback_loop where entry_id = 'F-2'").fetchone() == (
        "CAMHS waits are far too long",
        "Daytime clinic added",
    )


def test_in_app_theme_is_checked_by_the_same_rules_and_kept_with_the_role(con):
    load_fixture(con, "actions_small.csv", "actions")
    bad = records.add_feedback_theme(
        con, {"theme": "", "source": "local_offer", "date_raised": dt.date(2030, 1, 1)}, "Participation officer"
    )
    assert not bad.saved
    assert "you said (theme): blank or unreadable, but a value is required" in bad.problems
    assert "date raised: a date in the future" in bad.problems
    no_role = records.add_feedback_theme(
        con, {"theme": "Quiet rooms", "source": "big_bang", "date_raised": dt.date(2025, 1, 1)}, "  "
    )
    assert not no_role.saved and "role" in no_role.message
    good = records.add_feedback_theme(
        con,
        {
            "theme": 'Quiet rooms, please; "now"',
            "source": "big_bang",
            "date_raised": dt.date(2025, 1, 1),
            "action_code": "B4-01",
            "indicator": "listened_to",
        },
        "Participation officer",
    )
    assert good.saved, good.problems
    row = con.execute("select entry_id, theme, workstream, recorded_by from feedback_loop").fetchone()
    assert row == ("YSWD-001", 'Quiet rooms, please; "now"', "B4", "Participation officer")
    assert con.execute("select kind, loaded_by from uploads where kind = 'feedback_loop'").fetchone() == (
        "feedback_loop",
        "Participation officer",
    )


def test_a_response_before_the_theme_was_raised_is_refused(con):
    load_fixture(con, "actions_small.csv", "actions")
    load_fixture(con, "feedback_loop_small.csv", "feedback_loop")
    result = records.record_response(
        con, "F-5", {"response": "Easy read pages", "date_responded": dt.date(2025, 1, 1)}, "Officer"
    )
    assert not result.saved and result.problems == ["date responded: earlier than the date raised"]
    assert records.record_response(con, "F-99", {"response": "x"}, "Officer").message.startswith("There is no theme")


def test_suites_accept_exactly_the_shipped_priorities_and_indicators():
    audit = json.loads((config.EXPECTATIONS_DIR / "audit.json").read_text())
    feedback = json.loads((config.EXPECTATIONS_DIR / "feedback_loop.json").read_text())

    def value_set(suite, column):
        rules = [e for e in suite["expectations"] if e["type"] == "expect_column_values_to_be_in_set"]
        return next(e["kwargs"]["value_set"] for e in rules if e["kwargs"]["column"] == column)

    assert value_set(audit, "priority") == [*audit_priorities(), "Own"]
    assert value_set(feedback, "indicator") == list(indicator_labels())
    assert len(audit_priorities()) == 20


@pytest.mark.parametrize("text", ["2025-26", "2025/26", "2025-2026", "2025 to 2026"])
def test_audit_years_are_read_in_the_usual_spellings(con, text):
    fields = {"service": "Alpha", "audit_year": text, "priority": "P01", "rating": "Embedded"}
    assert records.record_audit_rating(con, fields, "Officer").saved
    assert con.execute("select audit_year from audit_ratings").fetchone() == ("2025-26",)
