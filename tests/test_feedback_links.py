""" "You said, we did" where the Action plan and Impact pages show it, drawn from the Quality page's feedback loop.

Hand-counted fixture (tests/data/feedback_loop_small.csv, actions_small.csv, loaded by quality_db_path):
F-1 B4-01 raised 01 Dec 2023, responded 10 Mar 2024 (100 days), fed back, "Feel listened to" rose 25% -> 92%;
F-2 A4-01 waiting; F-3 b5-01 (so B5-01) raised 20 May 2025, responded 19 Jun 2025 (30 days), not fed back,
"Local Offer page useful" (no Local Offer answers in the fixture); F-4 no action or workstream, responded
31 Oct 2025, no indicator; F-5 B5-01 raised 10 Jan 2026, waiting.
"""

import duckdb
import pandas as pd
import pytest

from impact.queries import actions as action_queries
from impact.queries import impact as impact_queries
from impact.queries.filters import Filters
from impact.views import takeaways
from impact.views.charts import action_tables
from impact.views.charts import impact as impact_charts
from tests.test_action_plan_page import as_shown, open_action_plan, static_table
from tests.test_app_pages import open_page

SAMPLE_FEEDBACK = "data/samples/you_said_we_did.csv"


@pytest.fixture(scope="module")
def con(quality_db_path):
    connection = duckdb.connect(str(quality_db_path), read_only=True)
    yield connection
    connection.close()


def test_an_actions_items_show_what_was_said_done_when_and_the_indicator(con):
    items = action_queries.action_feedback(con, "B5-01")
    table = action_tables.feedback_table(items)
    assert table.values.tolist() == [
        ["F-5", "Easy read please", "Waiting for a response", "10 Jan 2026", "-", "-", "-", "None named"],
        ["F-3", "The search is poor", "A new search", "20 May 2025", "19 Jun 2025", "30", "No",
         "Local Offer page useful"],
    ]  # fmt: skip
    assert action_tables.feedback_sentence(items) == (
        "2 items linked: 1 responded to in a median of 30 days, 1 not yet fed back; 1 still waiting for a response."
    )
    b4 = action_queries.action_feedback(con, "B4-01")
    assert action_tables.feedback_table(b4).iloc[0][["Days to respond", "Fed back"]].tolist() == ["100", "Yes"]
    assert action_tables.feedback_sentence(b4) == (
        "1 item linked: 1 responded to in a median of 100 days, all fed back to those who raised them."
    )
    assert action_tables.feedback_sentence(action_queries.action_feedback(con, "A4-01")) == (
        "1 item linked, none responded to yet."
    )
    assert action_queries.action_feedback(con, "B6-99").empty


def test_latest_responses_come_newest_first_with_whether_the_indicator_moved(con):
    recent = impact_queries.recent_changes(con, Filters())
    assert recent["entry_id"].tolist() == ["F-4", "F-3", "F-1"]  # F-2 and F-5 are still waiting
    table = impact_charts.recent_changes_table(recent).set_index("Ref")
    assert table.loc["F-1", "Did it move for that group?"] == (
        "Rose (significant): 25% (n=12) in 2023-24, 92% (n=12) in 2024-25"
    )
    assert table.loc["F-1", "Indicator it should move"] == "Feel listened to"
    assert table.loc["F-3", "Did it move for that group?"] == "Not measured again yet"
    assert table.loc["F-4", ["Indicator it should move", "Did it move for that group?", "Workstream"]].tolist() == [
        "None named",
        "-",
        "None recorded",
    ]
    assert takeaways.recent_changes_takeaway(recent) == (
        "The 3 latest responses were made between 10 Mar 2024 and 31 Oct 2025. 1 of them has had the indicator "
        "measured again for the group that raised the theme: 1 rose significantly. 1 waits for the next survey wave."
    )
    assert impact_queries.recent_changes(con, Filters(), limit=2)["entry_id"].tolist() == ["F-4", "F-3"]


def test_workstream_and_period_filters_narrow_the_latest_responses(con):
    def shown(**chosen) -> list[str]:
        return impact_queries.recent_changes(con, Filters(**chosen))["entry_id"].tolist()

    assert shown(workstream="B4") == ["F-1"]
    assert shown(workstream="B5") == ["F-3"]  # B5 from its action B5-01; F-5 (B5) is still waiting
    assert shown(workstream="A4") == []  # F-2 is still waiting
    assert shown(first="2025-26 Q1", last="2025-26 Q4") == ["F-4", "F-3"]  # raised in 2025-26
    assert takeaways.recent_changes_takeaway(impact_queries.recent_changes(con, Filters(workstream="A4"))) == (
        'No "you said, we did" response is recorded for themes raised in this selection.'
    )


def test_officers_text_cannot_format_either_table():
    items = pd.DataFrame(
        {
            "entry_id": ["X-1"],
            "theme": ["[click](http://x) *now*"],
            "response": ["<b>done</b> $x$"],
            "date_raised": [pd.Timestamp("2025-01-02")],
            "date_responded": [pd.Timestamp("2025-02-03")],
            "days_to_respond": [32],
            "fed_back": [True],
            "indicator": ["Feel listened to"],
        }
    )
    shown = action_tables.static_view(action_tables.feedback_table(items), ["You said", "We did"], index="Ref")
    assert shown.iloc[0].tolist() == [r"\[click\]\(http://x\) \*now\*", r"\<b\>done\</b\> \$x\$"]
    recent = items.assign(raised_by="Everyone", workstream=None, action_code=None, change_points=None, verdict=None)
    view = impact_charts.recent_changes_view(impact_charts.recent_changes_table(recent))
    assert view.index.tolist() == [r"\[click\]\(http://x\) \*now\*"]
    assert view.iloc[0]["We did"] == r"\<b\>done\</b\> \$x\$"


def sample_themes(*refs: str) -> list[str]:
    """Return the sample "you said" themes of these references, as the sample file words them."""
    themes = pd.read_csv(SAMPLE_FEEDBACK).set_index("Ref")["You said"]
    return [themes[ref] for ref in refs]


def test_an_action_shows_its_linked_items_to_every_role(monkeypatch, sample_db_path):
    at = open_action_plan(monkeypatch, sample_db_path, role="viewer")
    at.selectbox(key="action_plan_action").set_value("ADD-21").run()
    assert not at.exception, at.exception
    items = static_table(at, "Indicator it should move")
    assert items.index.tolist() == ["YSWD-025", "YSWD-017", "YSWD-009", "YSWD-008", "YSWD-007"]  # latest raised first
    assert items["You said"].tolist() == sample_themes("YSWD-025", "YSWD-017", "YSWD-009", "YSWD-008", "YSWD-007")
    assert items.loc["YSWD-007", ["Raised on", "Responded on", "Days to respond", "Fed back"]].tolist() == [
        "15 Jan 2024",
        "15 Jul 2025",
        "547",
        "Yes",
    ]
    assert any(m.value.startswith("5 items linked: 5 responded to") for m in at.markdown)
    at.selectbox(key="action_plan_action").set_value("B3-01").run()
    assert not any("Indicator it should move" in t.value.columns for t in at.table)
    assert any(m.value == "No items linked to this action yet." for m in at.markdown)


def recent_themes(at) -> list[str]:
    table = next(t.value for t in at.table if "Did it move for that group?" in t.value.columns)
    return [as_shown(theme) for theme in table.index]


def test_the_impact_page_shows_the_latest_responses_and_narrows_them_to_a_workstream(monkeypatch, sample_db_path):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_path))
    at = open_page("pages/impact.py")
    assert not at.exception, at.exception
    assert recent_themes(at) == sample_themes("YSWD-022", "YSWD-020", "YSWD-019", "YSWD-025", "YSWD-015")
    assert any(m.value.startswith("**The 5 latest responses were made between") for m in at.markdown)
    at.multiselect(key="workstream").set_value(["B5"]).run()
    assert not at.exception, at.exception
    # The Local Offer themes, answered by the new website (ADD-21) and easy read pages (PAP-07).
    assert recent_themes(at) == sample_themes("YSWD-025", "YSWD-017", "YSWD-008", "YSWD-007", "YSWD-010")
    assert any("Quality page" in link.proto.label for link in at.get("page_link"))
