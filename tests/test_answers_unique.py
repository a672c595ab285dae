"""A load never stores two answers for one response and question: the answers table has no key to refuse them
(migration 084), so the loads themselves must not (pipelines/load.py builds them one per response and question)."""

import duckdb
import pandas as pd
import pytest

from impact.store import db
from pipelines.load import remove_upload
from tests.conftest import count, load_fixture

REPEATS = """select count(*) from (select response_id, question_id from answers
    group by response_id, question_id having count(*) > 1)"""


def repeated_answers(con) -> int:
    return con.execute(REPEATS).fetchone()[0]


def test_the_sample_database_holds_one_answer_per_response_and_question(sample_db_path):
    with db.reading(sample_db_path) as con:
        assert count(con, "answers") > 10_000
        assert repeated_answers(con) == 0


def test_overlapping_exports_loaded_removed_and_loaded_again_hold_one_answer_each(con):
    earlier = load_fixture(con, "big_bang_small.csv", "big_bang").load.upload_id
    load_fixture(con, "big_bang_later_export.csv", "big_bang")  # one response the earlier export also holds
    answers = count(con, "answers")
    assert load_fixture(con, "big_bang_small.csv", "big_bang").status != "loaded"  # the same bytes again
    remove_upload(con, earlier, "test")
    load_fixture(con, "big_bang_small.csv", "big_bang")
    assert (count(con, "answers"), repeated_answers(con)) == (answers, 0)
    # Each response's answers are exactly its answered questions, once each.
    per_response = con.execute(
        "select count(*) = count(distinct question_id) from answers group by response_id"
    ).fetchall()
    assert per_response and all(same for (same,) in per_response)


def test_the_answers_table_keeps_its_columns_in_order_without_a_key(con):
    columns = con.execute("select column_name from duckdb_columns() where table_name = 'answers'").fetchall()
    assert [c for (c,) in columns] == ["response_id", "survey", "question_id", "answer_text", "score", "is_positive"]
    kinds = {
        k
        for (k,) in con.execute(
            "select constraint_type from duckdb_constraints() where table_name = 'answers'"
        ).fetchall()
    }
    assert kinds == {"NOT NULL"}


def test_a_frame_repeating_a_response_id_loads_nothing(con):
    from pipelines.load import load_survey
    from pipelines.mapping import load_mapping

    mapping = load_mapping("big_bang")
    question = next(iter(mapping.questions))
    frame = pd.DataFrame(
        {
            "source_response_id": ["r1", "r1"],
            "submitted_at": pd.to_datetime(["2025-01-10", "2025-01-11"]),
            "wave": ["2024-25"] * 2,
            "quarter": ["2024-25 Q4"] * 2,
            question: ["Agree", "Agree"],
        }
    )
    with pytest.raises(duckdb.ConstraintException):  # the responses' unique id refuses it first
        load_survey(con, frame, mapping, "repeat.csv", "sha-repeat", "test")
    assert (count(con, "responses"), count(con, "answers"), count(con, "uploads")) == (0, 0, 0)
