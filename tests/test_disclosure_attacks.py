"""Disclosure control holds against differencing: an automated attack on the sample data plus a rare group of 1 to 3
young people, over every pair of filters and every period range the pages offer (tests/disclosure_attack.py)."""

import shutil

import numpy as np
import pytest

from impact.queries import actions as action_queries
from impact.queries import home as home_queries
from impact.queries import impact as impact_queries
from impact.queries import quality as quality_queries
from impact.queries import reach as reach_queries
from impact.queries.filters import Filters
from impact.store import db
from pipelines.ingest import ingest
from tests import disclosure_attack as attack
from tests.privacy_fixture import BIG_BANG_HEADERS, _csv

# The rare group: young people whose combination of locality and need appears nowhere else in the sample data.
RARE = [
    ("Out of area", 14, "Multi-sensory", "EHC plan", "Agree", "10/11/2025 10:00"),
    ("Out of area", 14, "Multi-sensory", "EHC plan", "Disagree", "11/11/2025 10:00"),
    ("Out of area", 23, "Multi-sensory", "SEN Support", "Agree", "12/11/2025 10:00"),
]
RARE_FILTERS = Filters(localities=("Out of area",), primary_needs=("Multi-sensory",))


def rare_group_export() -> bytes:
    """Return a Big Bang export of the rare group."""
    rows = [[f"RARE-{i}", when, age, area, need, support, answer] for i, (area, age, need, support, answer, when)
            in enumerate(RARE, start=1)]  # fmt: skip
    return _csv(BIG_BANG_HEADERS, rows)


@pytest.fixture(scope="module")
def con(sample_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("attack") / "impact.duckdb"
    shutil.copy(sample_db_path, path)
    connection = db.connect(path)
    result = ingest(connection, rare_group_export(), "big_bang_rare.csv", "big_bang", loaded_by="test")
    assert result.status == "loaded", result.message
    yield connection
    connection.close()


def true_and_published(con, where: str, group: str = "quarter") -> dict:
    """Return {group: (true count, published count)} for responses matching a condition, computed in Python from
    the record keys and the perturbation table (the attack's model of the SQL macros)."""
    rows = con.execute(
        f"select {group}, count(*), sum(record_key)::bigint from responses where {where} group by all"
    ).fetchall()
    table = attack.perturbation_table(con)
    return {g: (n, int(attack.published(table, np.array([n]), np.array([k]))[0])) for g, n, k in rows}


def test_the_rare_group_of_3_is_loaded_and_the_page_query_publishes_it_perturbed_never_as_1_or_2(con):
    truth = true_and_published(con, "locality = 'Out of area' and primary_need = 'Multi-sensory'", "wave")
    assert truth["2025-26"][0] == 3
    shown = reach_queries.respondents_by_type(con, RARE_FILTERS)
    assert shown.set_index("period").loc["2025-26", "n"] == truth["2025-26"][1]
    assert truth["2025-26"][1] not in (1, 2)  # never published as 1 or 2


def test_the_attack_models_the_published_values_the_query_functions_return(con):
    quarters = true_and_published(con, "respondent_type = 'Young person' and locality = 'North'")
    frame = reach_queries.respondents_by_type(con, Filters(granularity="quarter", localities=("North",)))
    young = frame[frame["group"] == "Young person"].set_index("period")["n"].to_dict()
    assert young == {q: p for q, (_, p) in quarters.items()}
    assert any(t != p for t, p in quarters.values()), "counts are perturbed, not shown as they are"
    table = attack.perturbation_table(con)

    def modelled(sql: str) -> dict:
        rows = con.execute(sql).fetchall()
        return {g: int(attack.published(table, np.array([n]), np.array([k]))[0]) for g, n, k in rows}

    trend = impact_queries.indicator_trend(con, Filters(granularity="quarter", age_bands=("12-16",)), ("listened_to",))
    assert dict(zip(trend["period"], trend["base"], strict=True)) == modelled(
        "select quarter, count(*), sum(record_key)::bigint from indicator_answers where indicator = 'listened_to' "
        "and is_positive is not null and age_band = '12-16' group by all"
    )
    attended = reach_queries.attendance_by_age_band(con, Filters(granularity="quarter"))
    assert {(r.period, r.age_band): r.n for r in attended.itertuples()} == modelled(
        "select (a.quarter, t.age_band), sum(t.attendees), sum(t.record_key)::bigint from activity_attendance t "
        "join activities a using (activity_id) where t.respondent_type = 'Young person' group by all"
    )


def test_no_true_count_of_1_to_9_is_recovered_by_any_pair_of_filters_or_period_ranges(con):
    results = attack.attack_everything(con)
    small = sum(r.small_cells for r in results)
    recovered = [(r.family, r.dimensions, cell) for r in results for cell in r.recovered]
    assert small > 1000  # the search reaches many small cells, the rare group among them
    assert recovered == []


def test_without_perturbation_the_same_attack_recovers_the_rare_group(con):
    # The attack is able: with true counts published ("c" for 1-4 as before), it finds the rare group's 3.
    no_noise = np.zeros((1, 256), dtype=int)
    result = attack.attack(con, "responses", ("primary_need", "locality"), no_noise, shows_c=True)
    assert (("Multi-sensory", "Out of area", "2025-26 Q3"), 3) in result.recovered


def test_the_same_answers_publish_the_same_value_on_every_page_and_every_rerun(con):
    year = impact_queries.indicator_trend(con, Filters(), ("listened_to",)).set_index("period").loc["2025-26"]
    split = impact_queries.indicator_by_group(con, Filters(), "listened_to", "locality")
    home = home_queries.indicator_proportion(con, "listened_to", "2025-26 Q1", "2025-26 Q4")
    assert (year["positive"], year["base"]) == (home.positive, home.base)
    assert (split["all_positive"].iloc[0], split["all_base"].iloc[0]) == (home.positive, home.base)
    # Asking again, from another connection to the same file, gives nothing new to average.
    other = con.cursor()
    assert impact_queries.indicator_trend(other, Filters(), ("listened_to",)).equals(
        impact_queries.indicator_trend(con, Filters(), ("listened_to",))
    )
    other.close()
    links = action_queries.linked_indicators(con, "B4", "2025-26 Q4")
    assert not links.empty and (links["base"] != 1).all() and (links["base"] != 2).all()


def test_quality_ranges_publish_attendance_that_adds_nothing_when_stretched(con):
    one = quality_queries.attendance_by_group(con, None, "2025-26 Q3", "2025-26 Q3")
    again = quality_queries.attendance_by_group(con, None, "2025-26 Q3", "2025-26 Q3")
    assert one.equals(again) and not one.empty
    assert not one["attendances"].isin([1, 2]).any()
