"""The Quality page as an officer or board member uses it (Streamlit AppTest on the hand-counted fixtures)."""

import shutil

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from impact.queries import quality as queries
from impact.store import db
from impact.views import ui
from tests.conftest import load_fixture


@pytest.fixture
def quality_db(quality_db_path, tmp_path, monkeypatch):
    """A private copy of the quality fixtures database, opened by the app."""
    path = tmp_path / "quality.duckdb"
    shutil.copy(quality_db_path, path)
    monkeypatch.setenv("SEND_IMPACT_DB", str(path))
    return path


def open_quality(query_params: dict | None = None) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params.update(query_params or {})
    at.run()
    at.switch_page("pages/quality.py")
    at.run()
    assert not at.exception, at.exception
    return at


def glance(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def takeaways(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown)


def test_whole_period_shows_the_hand_counted_headlines(quality_db):
    at = open_quality()
    tiles = glance(at)
    assert tiles["Co-design or co-production, 2025-26 Q4"] == "67%"
    assert tiles["Services lagging in the 2025-26 audit"] == "1 of 2"
    assert tiles['Themes waiting for a "we did"'] == "2"
    assert tiles["Themes raised"] == "5" and tiles["Median days to respond"] == "30"
    assert "Alpha Service (1 of 3 embedded) lags behind" in takeaways(at)
    assert any("Not returned for 2025-26: Gamma Service" in w.value for w in at.warning)
    assert len(at.get("plotly_chart")) == 8


def test_filtering_by_workstream_changes_every_number_and_the_address(quality_db):
    at = open_quality()
    at.multiselect(key="workstream").set_value(["B4"]).run()
    tiles = glance(at)
    assert tiles["Co-design or co-production, 2025-26 Q4"] == "100%"
    assert tiles['Themes waiting for a "we did"'] == "0"
    assert tiles["Themes raised"] == "1"
    # No percentage on fewer than 10 activities.
    assert "In 2025-26 Q4, 1 of 1 activities were co-design or co-production" in takeaways(at)
    assert at.query_params["workstream"] == ["B4"] or at.query_params["workstream"] == "B4"


def test_filtering_by_period_keeps_only_its_quarters(quality_db):
    at = open_quality()
    at.select_slider(key="quality_period").set_range("2025-26 Q3", "2025-26 Q3").run()
    tiles = glance(at)
    assert tiles["Co-design or co-production, 2025-26 Q3"] == "50%"
    assert tiles["Themes raised"] == "1" and tiles['Themes waiting for a "we did"'] == "0"
    assert "Young people 5-11 (only consultation)" in takeaways(at)
    assert "Professionals" not in takeaways(at).split("Never involved")[1].split(".")[0]


def test_a_shared_address_opens_the_page_already_filtered(quality_db):
    at = open_quality({"workstream": "B3", "from": "2025-26 Q4", "to": "2025-26 Q4"})
    assert at.multiselect(key="workstream").value == ["B3"]
    assert at.select_slider(key="quality_period").value == ("2025-26 Q4", "2025-26 Q4")
    assert glance(at)["Co-design or co-production, 2025-26 Q4"] == "100%"


def test_an_officer_records_a_theme_and_a_response(quality_db):
    at = open_quality()
    at.text_area(key="quality_theme_said").input("Quiet rooms in every secondary school")
    at.text_input(key="quality_theme_role").input("Participation officer")
    at.button[0].click().run()  # the first form's submit button
    assert not at.exception, at.exception
    assert any("Saved the new theme YSWD-006" in s.value for s in at.success)
    at.selectbox(key="quality_response_ref").set_value("F-2")
    at.text_area(key="quality_response_did").input("A daytime clinic opened")
    at.text_input(key="quality_response_role").input("Participation officer")
    next(b for b in at.button if b.label == "Save the response").click().run()
    assert any("Saved the response to F-2" in s.value for s in at.success)
    con = duckdb.connect(str(quality_db))
    assert con.execute("select response, recorded_by from feedback_loop where entry_id = 'F-2'").fetchone() == (
        "A daytime clinic opened",
        "Participation officer",
    )
    assert con.execute("select count(*) from feedback_loop").fetchone()[0] == 6
    con.close()
    # F-5 and the new YSWD-006: the period is "all" (no range chosen), so it reaches the quarter the new theme was
    # raised in (before, the first visit pinned the range in the address and the new theme fell outside it).
    assert glance(at)['Themes waiting for a "we did"'] == "2"


def test_a_form_without_a_role_or_with_a_bad_value_saves_nothing(quality_db):
    at = open_quality()
    next(b for b in at.button if b.label == "Save the rating").click().run()
    assert any("say what your role is" in e.value for e in at.error)
    at.selectbox(key="quality_audit_priority").set_value("The service's own priority: type it below")
    at.text_input(key="quality_audit_role").input("Participation officer")
    next(b for b in at.button if b.label == "Save the rating").click().run()
    assert any("problem(s) to fix" in e.value for e in at.error)
    assert any("priority: blank or unreadable" in m.value for m in at.markdown)
    con = duckdb.connect(str(quality_db))
    assert con.execute("select count(*) from audit_ratings").fetchone()[0] == 11
    con.close()


def test_cached_queries_with_the_same_arguments_keep_their_own_results(quality_db):
    # Both take no arguments: a cache keyed only by arguments would hand one the other's result.
    assert ui.cached(queries.audit_years)() == ["2024-25", "2025-26"]
    assert ui.cached(queries.audit_services)() == ["Alpha Service", "Beta Service", "Gamma Service"]


def test_a_database_with_surveys_only_says_what_to_load(empty_db_path, monkeypatch):
    con = db.connect(empty_db_path)
    assert load_fixture(con, "big_bang_small.csv", "big_bang").status == "loaded"
    con.close()
    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))
    at = open_quality()
    assert any("No activities or feedback themes have been loaded yet" in i.value for i in at.info)
    assert at.button  # the officers' forms are still there to start with


def test_quality_csvs_carry_the_quality_pages_own_filters_not_another_pages(quality_db, monkeypatch):
    import impact.views.chart_block

    kept = []
    original = impact.views.chart_block.csv_bytes
    monkeypatch.setattr(impact.views.chart_block, "csv_bytes", lambda f: kept.append(f) or original(f))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params.update({"area": "north"})
    at.run()
    at.switch_page("pages/impact.py").run()  # Impact states its filters (Locality: North) for its own CSVs
    kept.clear()
    at.switch_page("pages/quality.py").run()
    assert not at.exception, at.exception
    in_force = {value for frame in kept for value in frame.get("Filters in force", [])}
    assert in_force, "every Quality CSV says which filters were in force"
    assert all(value.startswith("Workstream: all; quarters ") for value in in_force), in_force
