"""The shared filters narrow every Impact and Reach query the same way, with values bound as parameters."""

import pytest
from streamlit.testing.v1 import AppTest

from impact.queries import impact as impact_queries
from impact.queries import reach as reach_queries
from impact.queries.filters import Filters, filter_options, wave_range
from impact.store import db
from impact.views.filter_bar import describe
from tests.conftest import private_copy
from tests.test_app_pages import open_page


@pytest.fixture(scope="module")
def con(tmp_path_factory, hand_counted_db_path):
    connection = db.connect(private_copy(hand_counted_db_path, tmp_path_factory.mktemp("filters")))
    yield connection
    connection.close()


def listened(con, filters: Filters) -> list[tuple]:
    trend = impact_queries.indicator_trend(con, filters, ("listened_to",))
    return list(trend[["period", "positive", "base"]].itertuples(index=False, name=None))


def test_without_filters_missing_answers_stay_out_of_the_base(con):
    assert listened(con, Filters()) == [("2024-25", 3, 4), ("2025-26", 4, 5)]


def test_respondent_type_and_age_band_filters(con):
    assert listened(con, Filters(respondent_types=("Young person",))) == [("2024-25", 1, 1), ("2025-26", 1, 2)]
    # The age given only as the band 11-15 is kept as given, so it is not counted as 12-16.
    assert listened(con, Filters(age_bands=("12-16",))) == [("2024-25", 1, 2), ("2025-26", 2, 3)]


def test_period_range_and_quarters(con):
    first, last = wave_range("2025-26", "2025-26")
    assert listened(con, Filters(first=first, last=last)) == [("2025-26", 4, 5)]
    assert listened(con, Filters(granularity="quarter")) == [("2024-25 Q4", 3, 4), ("2025-26 Q4", 4, 5)]


def test_workstream_narrows_indicators_to_the_questions_tagged_with_it(con):
    def indicators(workstream):
        return set(impact_queries.indicator_catalogue(con, Filters(workstream=workstream))["indicator"])

    assert indicators(None) == {"listened_to", "equal_partner", "local_offer_useful", "local_offer_found"}
    assert indicators("B3") == {"listened_to", "equal_partner"}  # equal partner is tagged B3 only
    assert indicators("B4") == {"listened_to"}
    assert indicators("B5") == {"local_offer_useful", "local_offer_found"}
    assert indicators("A6") == set()


def test_workstream_narrows_activities_to_their_own_workstream(con):
    def attended(workstream):
        table = reach_queries.attendance_by_age_band(con, Filters(granularity="quarter", workstream=workstream))
        return list(table[["period", "age_band", "n"]].itertuples(index=False, name=None))

    assert attended(None) == [("2025-26 Q1", "12-16", 12), ("2025-26 Q1", "17-19", 3), ("2025-26 Q3", "12-16", 7)]
    assert attended("B6") == []


def test_filter_values_are_data_never_sql(con):
    hostile = Filters(localities=("North'); drop table responses; --",), workstream="B4' or '1'='1")
    assert listened(con, hostile) == []
    assert con.execute("select count(*) from responses").fetchone()[0] == 17


def test_options_list_ages_youngest_first_with_bands_as_given_then_prefer_not_to_say(con):
    options = filter_options(con)
    assert options["age_bands"] == ["5-11", "12-16", "11-15", "Prefer not to say"]
    assert options["waves"] == ["2024-25", "2025-26"]
    assert options["respondent_types"] == ["Parent carer", "Professional", "Young person"]


def test_description_of_the_filters_for_the_page():
    filters = Filters(*wave_range("2024-25", "2025-26"), workstream="B4", age_bands=("12-16",))
    assert describe(filters) == (
        "Years 2024-25 to 2025-26 · Workstream B4 Participation and co-production: children and young people · "
        "Age band: 12-16"
    )


def test_cached_queries_with_the_same_arguments_keep_their_own_results(empty_db_path, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))

    def script():
        import streamlit as st

        from impact.views import ui

        def first(con):
            return "first"

        def second(con):
            return "second"

        st.write(ui.cached(first)(), ui.cached(second)())

    at = AppTest.from_function(script, default_timeout=30).run()
    assert [m.value for m in at.markdown] == ["first second"]


def test_clear_filters_puts_every_filter_back(tmp_path, monkeypatch, hand_counted_db_path):
    monkeypatch.setenv("SEND_IMPACT_DB", str(private_copy(hand_counted_db_path, tmp_path)))
    at = open_page("pages/impact.py")
    at.multiselect(key="who").set_value(["Young person"]).run()
    at.multiselect(key="workstream").set_value(["B3"]).run()
    assert any(c.value.endswith("Respondent type: Young person") for c in at.caption)
    at.button(key="clear_filters").click().run()
    assert any(c.value == "Showing: Years 2024-25 to 2025-26" for c in at.caption)
