"""Numerators and denominators from the same population, on hand-counted files (see each file in tests/data)."""

import pytest

from impact.queries import home as home_queries
from impact.queries import reach as queries
from impact.queries.filters import Filters
from impact.store import db
from impact.views import headlines
from tests.conftest import load_fixture
from tests.hand_counted import without_noise


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = db.connect(tmp_path_factory.mktemp("population") / "population.duckdb")
    for name, kind in [
        ("baseline_small.csv", "baseline"),
        ("involvement_support_levels.csv", "involvement"),
        ("big_bang_band_ages.csv", "big_bang"),
    ]:
        assert load_fixture(connection, name, kind).status == "loaded"
    without_noise(connection)  # hand-counted: the population rules are checked on true counts (tests/hand_counted.py)
    yield connection
    connection.close()


def rows(frame, *columns):
    return list(frame[list(columns)].itertuples(index=False, name=None))


INVOLVEMENT = Filters(surveys=("involvement",))


def test_reach_by_age_band_counts_only_children_with_an_ehc_plan_or_sen_support(con):
    # January 2026 baseline: 12-16 is 50 (North, EHC plan) + 50 (South, SEN Support); 5-11 is 110.
    # 12-16 respondents with an EHC plan or SEN Support: SP-01..03 (14, 15, 16), SP-04 (the band 12-16, a reporting
    # band, so in both), SP-05 and SP-06 (parent carers, SEN Support) = 6. Not counted: SP-07 and SP-08 ("None"),
    # SP-09 ("Don't know"), SP-10 (blank), SP-11 (aged "11-15": no population band), SP-12 (a professional).
    table = queries.reach_rates(con, INVOLVEMENT, "age_band")
    assert rows(table, "period", "baseline_year", "group", "respondents", "population") == [
        ("2025-26", "2026", "12-16", 6, 100),
        ("2025-26", "2026", "5-11", 0, 110),
    ]


def test_reach_by_locality_and_support_level_use_the_same_population(con):
    # North: SP-01..04 and SP-11 (EHC plan, all ages as the population is all ages) of 110 + 50; South: SP-05, SP-06
    # of 50. The four responses with no support, "Don't know" or a blank are in no locality's numerator.
    by_locality = queries.reach_rates(con, INVOLVEMENT, "locality")
    assert rows(by_locality, "group", "respondents", "population") == [("North", 5, 160), ("South", 2, 50)]
    by_support = queries.reach_rates(con, INVOLVEMENT, "support_level")
    assert rows(by_support, "group", "respondents", "population") == [("EHC plan", 5, 160), ("SEN Support", 2, 50)]


def test_reach_for_an_age_band_leaves_out_a_band_that_crosses_it_in_both(con):
    # Aged 12-16 only: the population is 12-16 (100); SP-11 ("11-15") is not in the numerator either.
    table = queries.reach_rates(con, Filters(surveys=("involvement",), age_bands=("12-16",)), "locality")
    assert rows(table, "group", "respondents", "population") == [("North", 4, 50), ("South", 2, 50)]


def test_home_tile_share_aged_12_16_is_never_over_100_percent(tmp_path):
    # big_bang_band_ages.csv (2025-26 Q3): twelve answered "12-16", three are 14, ten are 18. Before, the count used
    # the band and the base the ages in years: 15 of 13, 115%. Now both use the reporting band: 15 of 25.
    connection = db.connect(tmp_path / "band_ages.duckdb")
    try:
        assert load_fixture(connection, "big_bang_band_ages.csv", "big_bang").status == "loaded"
        without_noise(connection)
        proportion = home_queries.young_people_in_target_band(connection, "2025-26 Q3", "2025-26 Q3")
        assert (proportion.positive, proportion.base) == (15, 25)
        tile = headlines.target_age_tile(connection, "2025-26 Q3")
    finally:
        connection.close()
    assert tile.value == "15"
    assert tile.caption.startswith("60% of young people whose age band is known (n=25)")


def test_the_population_rule_is_one_sql_macro(con):
    levels = ["EHC plan", "SEN Support", "None or unknown", None]
    got = [con.execute("select in_send_population(?)", [level]).fetchone()[0] for level in levels]
    assert got == [True, True, False, False]


def test_the_reach_page_says_who_a_rate_is_per_100_of(sample_db_path, monkeypatch):
    from tests.test_app_pages import open_page

    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_path))
    at = open_page("pages/reach.py")
    assert not at.exception, at.exception
    said = [m.value for m in at.markdown if m.value.startswith("Respondents per 100")]
    assert said and said[0].startswith(
        "Respondents per 100 children and young people with an EHC plan or on SEN Support, January"
    ), said
