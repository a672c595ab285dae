"""Impact queries on hand-counted files: splits by group and Local Offer feedback."""

import pytest

from impact.domain import measures, themes
from impact.queries import impact as queries
from impact.queries.filters import Filters
from impact.store import db
from tests.conftest import private_copy


@pytest.fixture(scope="module")
def con(tmp_path_factory, hand_counted_db_path):
    connection = db.connect(private_copy(hand_counted_db_path, tmp_path_factory.mktemp("impact")))
    yield connection
    connection.close()


def rows(frame, *columns):
    return list(frame[list(columns)].itertuples(index=False, name=None))


def test_split_by_group_uses_the_latest_period_and_keeps_missing_as_not_recorded(con):
    table = queries.indicator_by_group(con, Filters(), "listened_to", "respondent_type")
    # 2025-26: parent carers 2 of 2, young people 1 of 2 (one "Prefer not to say" left out), type missing 1 of 1.
    assert rows(table, "period", "group", "positive", "base") == [
        ("2025-26", "Not recorded", 1, 1),
        ("2025-26", "Parent carer", 2, 2),
        ("2025-26", "Young person", 1, 2),
    ]


def test_split_refuses_a_field_it_does_not_know(con):
    with pytest.raises(ValueError):
        queries.indicator_by_group(con, Filters(), "listened_to", "age_band; drop table responses")


def test_local_offer_usefulness_by_section_and_quarter(con):
    table = queries.local_offer_usefulness(con, Filters(granularity="quarter"))
    assert rows(table, "section", "period", "positive", "base") == [
        ("Health", "2025-26 Q1", 1, 2),
        ("Health", "2025-26 Q2", 1, 1),
        ("Leisure", "2025-26 Q1", 1, 1),
        ("Leisure", "2025-26 Q2", 0, 1),
    ]


def test_local_offer_volume_counts_feedback_and_comments(con):
    assert rows(queries.local_offer_volume(con, Filters()), "period", "feedback", "comments") == [("2025-26", 6, 4)]
    young = Filters(respondent_types=("Young person",))
    assert rows(queries.local_offer_volume(con, young), "period", "feedback", "comments") == [("2025-26", 1, 0)]


def test_local_offer_comments_are_redacted_and_coded_into_themes(con):
    comments = queries.local_offer_comments(con, Filters())["comment"]
    assert not comments.str.contains("@").any()
    counted = themes.theme_counts(comments, themes.theme_rules())
    coded = dict(zip(counted["theme"], counted["comments"], strict=True))
    assert coded["Found it useful"] == 1 and coded["Could not find what they needed"] == 1
    assert coded["Out of date or broken links"] == 1 and coded["Other"] == 1  # "Great."
    shown = measures.shown_counts(counted, "comments", None)
    assert set(shown["shown_label"]) <= {"c", "0"}  # every theme here has fewer than 5 comments
