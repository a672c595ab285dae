"""Reach queries on hand-counted files: age bands, attendance, respondent types and reach per 100."""

import pytest

from impact.domain import measures
from impact.queries import reach as queries
from impact.queries.filters import Filters
from impact.store import db
from tests.conftest import private_copy


@pytest.fixture(scope="module")
def con(tmp_path_factory, hand_counted_db_path):
    connection = db.connect(private_copy(hand_counted_db_path, tmp_path_factory.mktemp("reach")))
    yield connection
    connection.close()


def rows(frame, *columns):
    return list(frame[list(columns)].itertuples(index=False, name=None))


def test_young_people_by_age_band_keep_bands_as_given(con):
    assert rows(queries.young_people_by_age_band(con, Filters()), "period", "age_band", "n") == [
        ("2024-25", "12-16", 2),
        ("2025-26", "11-15", 1),
        ("2025-26", "12-16", 1),
        ("2025-26", "Prefer not to say", 1),
    ]


def test_attendance_by_year_marks_a_year_with_missing_quarters(con):
    table = queries.attendance_by_age_band(con, Filters())
    assert rows(table, "period", "age_band", "n", "part_year") == [
        ("2025-26", "12-16", 19, True),
        ("2025-26", "17-19", 3, True),
    ]


def test_respondents_by_type(con):
    table = queries.respondents_by_type(con, Filters(surveys=("involvement",)))
    assert rows(table, "period", "group", "n") == [
        ("2024-25", "Parent carer", 2),
        ("2024-25", "Professional", 1),
        ("2024-25", "Young person", 2),
        ("2025-26", "Not recorded", 1),
        ("2025-26", "Parent carer", 2),
        ("2025-26", "Young person", 3),
    ]


def test_reach_per_100_uses_the_january_inside_each_year(con):
    table = queries.reach_rates(con, Filters(), "age_band")
    # 2024-25 against January 2025: 5-11 one parent carer of 100; 12-16 one parent carer and two young people of 100.
    # 2025-26 against January 2026: 5-11 one of 110; 12-16 one parent carer and one young person of 100
    # (the respondent whose type is missing, and the young person aged "11-15", are not counted).
    assert rows(table, "period", "baseline_year", "group", "respondents", "population") == [
        ("2024-25", "2025", "12-16", 3, 100),
        ("2024-25", "2025", "5-11", 1, 100),
        ("2025-26", "2026", "12-16", 2, 100),
        ("2025-26", "2026", "5-11", 1, 110),
    ]
    assert measures.rates(table)["rate"].isna().all()  # every count here is under 5


def test_reach_filters_narrow_the_population_too(con):
    table = queries.reach_rates(con, Filters(support_levels=("SEN Support",)), "locality")
    assert rows(table, "period", "group", "respondents", "population") == [
        ("2024-25", "South", 1, 60),
        ("2025-26", "South", 1, 50),
    ]
    with pytest.raises(ValueError):
        queries.reach_rates(con, Filters(), "primary_need")
