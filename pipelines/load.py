"""Write validated frames into DuckDB, each file in one transaction: all of it or nothing."""

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pandas as pd
import yaml

from impact import config
from pipelines.mapping import Mapping, load_mapping
from pipelines.normalise import score_answer
from pipelines.quality_inputs import ACTIVITIES_INSERT, AUDIT_INSERT, FEEDBACK_INSERT

RESPONSE_COLUMNS = [
    "source_response_id",
    "submitted_at",
    "wave",
    "quarter",
    "respondent_type",
    "age_years",
    "age_band",
    "primary_need",
    "support_level",
    "locality",
    "setting_type",
]


@dataclass
class LoadResult:
    upload_id: int
    rows_loaded: int
    rows_skipped: int


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """Run the block in one transaction, rolled back on any error."""
    con.execute("begin transaction")
    try:
        yield con
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def find_upload(con: duckdb.DuckDBPyConnection, sha256: str) -> tuple | None:
    """Return (upload_id, file_name, loaded_at) of an earlier load of the same bytes, if any."""
    return con.execute("select upload_id, file_name, loaded_at from uploads where sha256 = ?", [sha256]).fetchone()


def sync_catalogue(con: duckdb.DuckDBPyConnection) -> None:
    """Write the indicator and question catalogue from the mapping files (idempotent)."""
    indicators = yaml.safe_load((config.MAPPINGS_DIR / "indicators.yaml").read_text())
    with transaction(con):
        for key, item in indicators.items():
            con.execute("insert or replace into indicators values (?, ?, ?)", [key, item["label"], item["statement"]])
        for survey in config.SURVEYS:
            for question_id, q in load_mapping(survey).questions.items():
                con.execute(
                    "insert or replace into questions values (?, ?, ?, ?, ?, ?)",
                    [survey, question_id, q["text"], q.get("indicator"), q["scale"], q.get("workstreams", [])],
                )


def _record_upload(con, kind, file_name, sha256, rows_in_file, loaded_by) -> int:
    return con.execute(
        "insert into uploads (kind, file_name, sha256, rows_in_file, rows_loaded, loaded_at, loaded_by) "
        "values (?, ?, ?, ?, 0, ?, ?) returning upload_id",
        [kind, file_name, sha256, rows_in_file, dt.datetime.now(), loaded_by],
    ).fetchone()[0]


def _finish_upload(con, upload_id: int, loaded: int, skipped: int) -> LoadResult:
    con.execute(
        "update uploads set rows_loaded = ?, rows_skipped = ? where upload_id = ?", [loaded, skipped, upload_id]
    )
    return LoadResult(upload_id, loaded, skipped)


def answers_long(frame: pd.DataFrame, mapping: Mapping) -> pd.DataFrame:
    """Return one row per response and answered question, with its score and whether it is positive."""
    rows = []
    for question_id, question in mapping.questions.items():
        if question_id not in frame:
            continue
        for source_id, answer in zip(frame["source_response_id"], frame[question_id], strict=False):
            if isinstance(answer, str) and answer.strip():
                score, positive = score_answer(answer, question["scale"])
                rows.append((source_id, question_id, answer, score, positive))
    return pd.DataFrame(
        rows, columns=["source_response_id", "question_id", "answer_text", "score", "is_positive"]
    ).astype({"score": "float64", "is_positive": "boolean"})


def load_survey(con, frame, mapping: Mapping, file_name: str, sha256: str, loaded_by: str) -> LoadResult:
    """Load a validated survey frame; responses already loaded by an earlier export are skipped."""
    responses = frame.reindex(columns=RESPONSE_COLUMNS)
    responses["age_years"] = responses["age_years"].astype("Int64")
    answers = answers_long(frame, mapping)
    with transaction(con):
        upload_id = _record_upload(con, mapping.name, file_name, sha256, len(frame), loaded_by)
        con.register("incoming_responses", responses)
        con.register("incoming_answers", answers)
        loaded = con.execute(
            f"""insert into responses (upload_id, survey, {", ".join(RESPONSE_COLUMNS)})
            select ?, ?, {", ".join(RESPONSE_COLUMNS)} from incoming_responses i
            where not exists (select 1 from responses r
                              where r.survey = ? and r.source_response_id = i.source_response_id)""",
            [upload_id, mapping.name, mapping.name],
        ).fetchone()[0]
        con.execute(
            """insert into answers
            select r.response_id, r.survey, a.question_id, a.answer_text, a.score, a.is_positive
            from incoming_answers a join responses r
              on r.survey = ? and r.source_response_id = a.source_response_id and r.upload_id = ?""",
            [mapping.name, upload_id],
        )
        con.unregister("incoming_responses")
        con.unregister("incoming_answers")
        return _finish_upload(con, upload_id, loaded, len(frame) - loaded)


TABLE_INSERTS = {
    "actions": (
        "insert or replace into actions select action_code, ?, plan, title, workstream, accountable_group, "
        "lead_role, inspection_area, start_date, due_date from incoming"
    ),
    "action_updates": (
        "insert into action_updates (upload_id, action_code, quarter, status, rag, percent_complete, note, "
        "updated_at, updated_by) select ?, action_code, quarter, status, rag, percent_complete, note, "
        "current_timestamp, coalesce(updated_by, 'file upload') from incoming"
    ),
    "activities": ACTIVITIES_INSERT,
    "baseline": (
        "insert or replace into population_baseline select ?, year, age_band, locality, support_level, "
        "children from incoming"
    ),
    "audit": AUDIT_INSERT,
    "feedback_loop": FEEDBACK_INSERT,
}


def load_table(con, frame: pd.DataFrame, kind: str, file_name: str, sha256: str, loaded_by: str) -> LoadResult:
    """Load a validated action, update, activity or baseline frame."""
    with transaction(con):
        upload_id = _record_upload(con, kind, file_name, sha256, len(frame), loaded_by)
        con.register("incoming", frame)
        con.execute(TABLE_INSERTS[kind], [upload_id])
        if kind == "activities":
            con.execute(
                "insert or replace into activity_attendance "
                "select activity_id, respondent_type, age_band, attendees from incoming"
            )
        con.unregister("incoming")
        return _finish_upload(con, upload_id, len(frame), 0)
