"""The Action plan page as the performance group uses it (Streamlit's AppTest on the sample database)."""

import json
import re

from streamlit.testing.v1 import AppTest

# The sample plan's actions in B3 (parents and carers) and B4 (children and young people).
B3_B4_ACTIONS = {"B3-01", "B4-01", "B4-02", "IDA-10", "PAP-01", "PAP-02", "PAP-03", "PAP-04"}


def open_action_plan(monkeypatch, db_path, role: str = "officer") -> AppTest:
    monkeypatch.setenv("SEND_IMPACT_DB", str(db_path))
    monkeypatch.setenv("SEND_IMPACT_LOCAL_ROLE", role)
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    at.switch_page("pages/action_plan.py")
    at.run()
    assert not at.exception, at.exception
    return at


def static_table(at: AppTest, column: str):
    """Return the first static table with this column, as its markdown is shown, its index as a column."""
    frame = next(t.value for t in at.table if column in t.value.columns)
    frame.index = frame.index.map(as_shown)
    return frame.map(lambda v: as_shown(v) if isinstance(v, str) else v)


def off_track_table(at: AppTest):
    """Return the table of red and amber actions, indexed by action code."""
    return static_table(at, "Rating and since when")


def as_shown(text: str) -> str:
    """Return escaped markdown as it is displayed."""
    return re.sub(r"\\(.)", r"\1", text)


def timeline_actions(at: AppTest) -> set[str]:
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    timeline = next(spec for spec in specs if any(trace.get("base") for trace in spec["data"]))
    return {label.split()[0] for trace in timeline["data"] for label in trace["y"]}


def test_filtering_to_b3_and_b4_shows_only_their_actions_and_what_is_slipping(monkeypatch, sample_db_path):
    at = open_action_plan(monkeypatch, sample_db_path)
    assert len(timeline_actions(at)) == 42
    at.multiselect(key="workstream").set_value(["B3", "B4"]).run()
    assert not at.exception, at.exception
    assert timeline_actions(at) == B3_B4_ACTIONS
    assert at.query_params["workstream"] == ["B3", "B4"]  # the view can be shared as a link
    off_track = off_track_table(at)
    assert off_track.index.tolist() == ["PAP-02"]
    assert off_track["Rating and since when"].tolist() == ["Amber since 2026-27 Q2 (1 quarter)"]
    assert off_track["Latest note"].tolist() == ["Waiting for partners to sign off the next stage."]
    assert "7 of 8 actions updated" in " ".join(c.value for c in at.caption)


def test_a_shared_link_opens_with_its_workstreams_chosen(monkeypatch, sample_db_path):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_path))
    at = AppTest.from_file("../pages/action_plan.py", default_timeout=60)
    at.query_params["workstream"] = "b4,B9"  # typed by hand: case ignored, an unknown code named and left out
    at.run()
    assert not at.exception, at.exception
    assert at.multiselect(key="workstream").value == ["B4"]
    assert any("workstream “B9”" in w.value for w in at.warning)
    assert timeline_actions(at) == {"B4-01", "B4-02", "PAP-01"}


def test_an_officer_records_an_update_and_sees_it_in_the_history(monkeypatch, sample_db_copy):
    at = open_action_plan(monkeypatch, sample_db_copy)
    at.selectbox(key="action_plan_action").set_value("PAP-03").run()
    at.selectbox(key="quarter_PAP-03").set_value("2026-27 Q2")
    at.selectbox(key="rag_PAP-03").set_value("Red")
    at.number_input(key="percent_PAP-03").set_value(90)
    at.text_area(key="note_PAP-03").input("Quarterly updates paused: no one to publish them.")
    at.text_input(key="role_PAP-03").input("Participation Officer")
    next(b for b in at.button if b.label == "Record update").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert "Recorded the 2026-27 Q2 update for PAP-03" in at.success[0].value
    history = static_table(at, "Counts for the quarter").reset_index()
    newest = history.iloc[0]
    assert (newest["Quarter"], newest["Rating"], newest["Counts for the quarter"]) == ("2026-27 Q2", "Red", "Yes")
    assert newest["Note"] == "Quarterly updates paused: no one to publish them."
    earlier = history[(history["Quarter"] == "2026-27 Q2") & (history["Rating"] == "Green")].iloc[0]
    assert re.match(r"No: corrected on \d\d \w{3} \d{4} by Participation Officer", earlier["Counts for the quarter"])
    # The slipping list now includes it, red since this quarter.
    assert "PAP-03" in off_track_table(at).index


def test_an_update_without_a_role_is_refused_with_a_message(monkeypatch, sample_db_copy):
    at = open_action_plan(monkeypatch, sample_db_copy)
    at.selectbox(key="action_plan_action").set_value("PAP-03").run()
    next(b for b in at.button if b.label == "Record update").click().run()
    assert "your role is required" in at.error[0].value
    assert len(static_table(at, "Counts for the quarter")) == 11  # one update a quarter since 2023-24 Q4: nothing added


def test_viewers_see_no_update_form(monkeypatch, sample_db_path):
    at = open_action_plan(monkeypatch, sample_db_path, role="viewer")
    assert not any(b.label == "Record update" for b in at.button)
    assert any("Officers can record" in c.value for c in at.caption)
