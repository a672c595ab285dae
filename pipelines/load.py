"""Write validated frames into DuckDB, each file in one transaction: all of it or nothing."""

import datetime as dt
import re
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
import yaml

from impact import config
from impact.store import audit, cells, response_workstreams
from impact.store.writer import transaction
from pipelines.distinct import map_values
from pipelines.mapping import IGNORE, Mapping, load_mapping, simplify
from pipelines.normalise import ADDED_QUESTION_PREFIX, score_answer
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


# Survey loads are removed here; the other inputs' loads are undone by pipelines/record_loads.py (undo_load).
REMOVABLE = set(config.SURVEYS)
SCALES_FOR_ADDED = ["agree5", "yesno", "useful5", "choice", "several", "text"]


@dataclass
class LoadResult:
    upload_id: int
    rows_loaded: int
    rows_skipped: int


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
        con.execute(
            "insert or replace into questions select survey, question_id, question_text, null, scale, []::varchar[] "
            "from added_questions"
        )


def _record_upload(con, kind, file_name, sha256, rows_in_file, loaded_by, tool=None) -> int:
    return con.execute(
        "insert into uploads (kind, file_name, sha256, rows_in_file, rows_loaded, loaded_at, loaded_by, tool) "
        "values (?, ?, ?, ?, 0, ?, ?, ?) returning upload_id",
        [kind, file_name, sha256, rows_in_file, dt.datetime.now(), loaded_by, tool],
    ).fetchone()[0]


def _finish_upload(con, upload_id: int, loaded: int, skipped: int, rejected: int = 0, flagged: int = 0) -> LoadResult:
    con.execute(
        "update uploads set rows_loaded = ?, rows_skipped = ?, rows_rejected = ?, rows_flagged = ? where upload_id = ?",
        [loaded, skipped, rejected, flagged, upload_id],
    )
    kind, file_name, who = con.execute(
        "select kind, file_name, loaded_by from uploads where upload_id = ?", [upload_id]
    ).fetchone()
    audit.record(
        con, who, "load",
        f"Load {upload_id}: {loaded} rows from {file_name} ({kind}); {skipped} loaded before, {rejected} left out",
    )  # fmt: skip
    return LoadResult(upload_id, loaded, skipped)


ANSWER_COLUMNS = ["source_response_id", "question_id", "answer_text", "score", "is_positive"]


def answers_long(frame: pd.DataFrame, mapping: Mapping) -> pd.DataFrame:
    """Return one row per response and answered question, with its score and whether it is positive."""
    return answers_table(frame, mapping).to_pandas().astype({"score": "float64", "is_positive": "boolean"})


def answers_table(frame: pd.DataFrame, mapping: Mapping, response_ids: np.ndarray | None = None):
    """Return `answers_long` as an Arrow table (questions in mapping order, rows in file order within each).

    Built a question at a time with column operations, straight into Arrow arrays: DuckDB reads them as they are,
    and a million responses' answers take a few hundred MB rather than gigabytes of Python objects. With
    `response_ids` (each row's response_id in the database, negative for a row not loaded), answers carry those in
    a response_id column instead, and a row not loaded has none."""
    import pyarrow as pa

    if response_ids is None:
        ids, names, loaded = frame["source_response_id"].to_numpy(dtype=object), ANSWER_COLUMNS, True
    else:
        ids, names, loaded = response_ids, ["response_id", *ANSWER_COLUMNS[1:]], response_ids >= 0
    id_type = pa.string() if response_ids is None else pa.int64()
    parts = []
    for question_id, question in mapping.questions.items():
        if question_id not in frame:
            continue
        answers = frame[question_id]
        answered = map_values(answers, lambda v: isinstance(v, str) and bool(v.strip())).to_numpy(dtype=bool)
        answered &= loaded
        texts = answers.to_numpy(dtype=object)[answered]
        # Scale questions come read on the scale the file used (pipelines/scales.py), with their score and meaning.
        if f"{question_id}__positive" in frame:
            score = frame[f"{question_id}__score"].to_numpy(dtype="float64", na_value=np.nan)[answered]
            positive = frame[f"{question_id}__positive"].astype("boolean").array[answered]
            scores, positives = pa.array(score, from_pandas=True), pa.array(positive, type=pa.bool_())
        else:
            scale = question["scale"]
            read = map_values(pd.Series(texts, dtype=object), lambda a, s=scale: score_answer(a, s)).tolist()
            scores = pa.array([p[0] for p in read], type=pa.float64())
            positives = pa.array([p[1] for p in read], type=pa.bool_())
        columns = [
            pa.array(ids[answered], type=id_type, from_pandas=True),
            pa.repeat(pa.scalar(question_id, type=pa.string()), len(texts)),
            pa.array(texts, type=pa.string(), from_pandas=True),
            scores,
            positives,
        ]
        parts.append(pa.table(columns, names=names))
    if not parts:
        types = [id_type, pa.string(), pa.string(), pa.float64(), pa.bool_()]
        return pa.table([pa.array([], type=t) for t in types], names=names)
    return pa.concat_tables(parts)


# Answers are built and inserted this many responses at a time, so a million responses' answers (over five million
# rows) are never all in memory at once. A file with fewer loads in one go, in the order answers_table gives.
ANSWER_CHUNK_ROWS = 200_000


def _insert_answers(con, frame: pd.DataFrame, mapping: Mapping, upload_id: int) -> None:
    """Insert the answers of the responses this load added, a chunk of responses at a time (as incoming_answers).

    Each row's response_id is looked up once, by its response id as text, and the answers carry it: five million
    answers are not each joined to their response by text."""
    import pyarrow as pa

    incoming = pa.table(
        {
            "position": pa.array(np.arange(len(frame), dtype=np.int64)),
            "source_response_id": pa.array(
                frame["source_response_id"].to_numpy(dtype=object), type=pa.string(), from_pandas=True
            ),
        }
    )
    con.register("incoming_positions", incoming)
    found = con.execute(
        """select p.position, r.response_id from incoming_positions p join responses r
        on r.survey = ? and r.source_response_id = p.source_response_id and r.upload_id = ?""",
        [mapping.name, upload_id],
    ).fetchnumpy()
    con.unregister("incoming_positions")
    response_ids = np.full(len(frame), -1, dtype=np.int64)  # -1: loaded before, by another load
    response_ids[np.asarray(found["position"], dtype=np.int64)] = np.asarray(found["response_id"], dtype=np.int64)
    # The answers table has no key (migration 084): each response and question gets one answer because each row
    # is a different new response and each question one column. Checked here (sorting the ids, 0.1 s at a million
    # rows), so a change that broke it fails the load rather than storing an answer twice.
    new = np.sort(response_ids[response_ids >= 0])
    if (new[1:] == new[:-1]).any() or not frame.columns.is_unique:
        raise RuntimeError("Two rows of this file would load as one response; nothing was loaded.")
    for start in range(0, max(len(frame), 1), ANSWER_CHUNK_ROWS):
        end = start + ANSWER_CHUNK_ROWS
        con.register("incoming_answers", answers_table(frame.iloc[start:end], mapping, response_ids[start:end]))
        con.execute(
            """insert into answers select response_id, ?, question_id, answer_text, score, is_positive
            from incoming_answers""",
            [mapping.name],
        )


# DuckDB may keep what a load writes, and the joins that count its cells, in memory up to its limit (by default 80%
# of the machine's memory); held to this, it writes them to the database file and its temporary folder instead. At a
# million responses the load's own peak fell from 2.0 GB to 1.5 GB, in the same time (docs/performance.md, "Ingest").
LOAD_MEMORY_LIMIT = "250MB"


@contextmanager
def memory_limit(con: duckdb.DuckDBPyConnection, limit: str | None):
    """Hold DuckDB's memory limit at `limit` for the block (never above the limit it had; None: as it is)."""
    before = con.execute("select current_setting('memory_limit')").fetchone()[0]
    if limit is None or _bytes(limit) >= _bytes(before):
        yield
        return
    con.execute("set memory_limit = ?", [limit])
    try:
        yield
    finally:
        con.execute("reset memory_limit")  # the default exactly (it reads back rounded, '18.8 GiB')
        if con.execute("select current_setting('memory_limit')").fetchone()[0] != before:
            con.execute("set memory_limit = ?", [before])


def _bytes(size: str) -> float:
    number, unit = re.fullmatch(r"\s*([\d.]+)\s*([KMGT]i?B)\s*", size).groups()
    return float(number) * {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}[unit[0]]


def load_survey(
    con,
    frame,
    mapping: Mapping,
    file_name: str,
    sha256: str,
    loaded_by: str,
    *,
    rows_in_file: int | None = None,
    tool: str | None = None,
    rows_rejected: int = 0,
    rows_flagged: int = 0,
    wave_name: str | None = None,
    before_commit=None,
) -> LoadResult:
    """Load a validated survey frame; responses already loaded by an earlier export are skipped.

    `before_commit()`, if given, is called before the load commits; what it raises rolls the load back whole."""
    responses = frame.reindex(columns=RESPONSE_COLUMNS)
    responses["age_years"] = responses["age_years"].astype("Int64")
    text = [c for c in RESPONSE_COLUMNS if responses[c].dtype == object]
    responses = responses.astype(dict.fromkeys(text, "str"))  # read by DuckDB as Arrow strings, not one by one
    rows_in_file = len(frame) if rows_in_file is None else rows_in_file
    counts = (rows_in_file, rows_rejected, rows_flagged)

    def attempt(limit: str | None) -> LoadResult:
        with memory_limit(con, limit), transaction(con):
            result = _load_responses(
                con, frame, responses, mapping, (file_name, sha256, loaded_by, tool, wave_name), counts
            )
            if before_commit is not None:
                before_commit()
            return result

    try:
        return attempt(LOAD_MEMORY_LIMIT)
    except duckdb.OutOfMemoryException:
        # What DuckDB must hold in memory (the indexes of a database of millions of responses) may not fit in the
        # limit: the load was rolled back whole, and runs again without it.
        return attempt(None)


def _load_responses(con, frame, responses, mapping: Mapping, upload: tuple, counts: tuple) -> LoadResult:
    file_name, sha256, loaded_by, tool, wave_name = upload
    rows_in_file, rows_rejected, rows_flagged = counts
    upload_id = _record_upload(con, mapping.name, file_name, sha256, rows_in_file, loaded_by, tool)
    con.execute("update uploads set wave_name = ? where upload_id = ?", [wave_name, upload_id])
    con.register("incoming_responses", responses)
    loaded = con.execute(
        f"""insert into responses (upload_id, survey, {", ".join(RESPONSE_COLUMNS)})
        select ?, ?, {", ".join(RESPONSE_COLUMNS)} from incoming_responses i
        where not exists (select 1 from responses r
                          where r.survey = ? and r.source_response_id = i.source_response_id)""",
        [upload_id, mapping.name, mapping.name],
    ).fetchone()[0]
    _insert_answers(con, frame, mapping, upload_id)
    _record_contents(con, upload_id, mapping.name)
    response_workstreams.record_load(con, upload_id)
    cells.record_load(con, upload_id)
    con.unregister("incoming_responses")
    con.unregister("incoming_answers")
    return _finish_upload(con, upload_id, loaded, len(frame) - loaded, rows_rejected, rows_flagged)


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
        "insert or replace into population_baseline (upload_id, year, age_band, locality, support_level, children) "
        "select ?, year, age_band, locality, support_level, "
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
                "insert or replace into activity_attendance (activity_id, respondent_type, age_band, attendees) "
                "select activity_id, respondent_type, age_band, attendees from incoming"
            )
        con.unregister("incoming")
        return _finish_upload(con, upload_id, len(frame), 0)


def known_response_ids(con: duckdb.DuckDBPyConnection, survey: str, ids: list[str]) -> set[str]:
    """Return which of these response ids are already loaded for the survey (from an earlier export)."""
    con.register("candidate_ids", pd.DataFrame({"id": pd.Series(ids, dtype=object)}))
    try:
        rows = con.execute(
            "select distinct r.source_response_id from responses r join candidate_ids c on r.source_response_id = c.id "
            "where r.survey = ?",
            [survey],
        ).fetchall()
    finally:
        con.unregister("candidate_ids")
    return {row[0] for row in rows}


def _record_contents(con, upload_id: int, survey: str) -> None:
    # Every response this file holds, new or loaded before, so removing another load never takes it away.
    con.execute(
        """insert or ignore into upload_responses select ?, r.response_id from incoming_responses i
        join responses r on r.survey = ? and r.source_response_id = i.source_response_id""",
        [upload_id, survey],
    )


def sharing_loads(con: duckdb.DuckDBPyConnection, upload_id: int) -> tuple[int, list[int]]:
    """Return how many of this load's responses other loads also contain, and which loads those are."""
    kept, loads = con.execute(
        """select count(distinct mine.response_id), list(distinct other.upload_id order by other.upload_id)
        from upload_responses mine
        join upload_responses other on other.response_id = mine.response_id and other.upload_id <> mine.upload_id
        join uploads u on u.upload_id = other.upload_id
        join responses r on r.response_id = mine.response_id
        where mine.upload_id = ?""",
        [upload_id],
    ).fetchone()
    return kept, loads or []


def zero_padded_id_width(con: duckdb.DuckDBPyConnection, survey: str) -> int | None:
    """Return the width of the survey's loaded all-digit response ids that start with 0 (None if there are none)."""
    return con.execute(
        "select max(length(source_response_id)) from responses "
        "where survey = ? and regexp_full_match(source_response_id, '0[0-9]+')",
        [survey],
    ).fetchall()[0][0]


def remove_upload(con: duckdb.DuckDBPyConnection, upload_id: int, removed_by: str) -> int:
    """Delete the responses (and answers) of one survey load that no other load contains; return how many went.

    Responses another load also contains stay, passed to the earliest such load; the file can be loaded again."""
    row = con.execute("select kind, file_name from uploads where upload_id = ?", [upload_id]).fetchone()
    if row is None:
        raise ValueError(f"There is no load number {upload_id} to remove.")
    if row[0] not in REMOVABLE:
        raise ValueError("Only survey loads can be removed here; other inputs' loads are undone by record_loads.")
    with transaction(con):
        shared = sharing_loads(con, upload_id)
        con.execute(
            """update responses set upload_id = keep.other from (
                select mine.response_id, min(other.upload_id) as other from upload_responses mine
                join upload_responses other on other.response_id = mine.response_id and other.upload_id <> ?
                join uploads u on u.upload_id = other.upload_id
                where mine.upload_id = ? group by mine.response_id) keep
            where responses.response_id = keep.response_id and responses.upload_id = ?""",
            [upload_id, upload_id, upload_id],
        )
        cells.remove_load(con, upload_id)  # while its responses are still there
        con.execute(
            "delete from answers where response_id in (select response_id from responses where upload_id = ?)",
            [upload_id],
        )
        removed = con.execute("delete from responses where upload_id = ?", [upload_id]).fetchone()[0]
        con.execute("delete from upload_responses where upload_id = ?", [upload_id])
        con.execute(
            """insert into removed_uploads
            select upload_id, kind, file_name, sha256, tool, rows_in_file, rows_loaded, loaded_at, loaded_by,
                   ?, ?, ? from uploads where upload_id = ?""",
            [removed, dt.datetime.now(), removed_by, upload_id],
        )
        con.execute("delete from uploads where upload_id = ?", [upload_id])
        audit.record(
            con, removed_by, "remove_load",
            f"Removed load {upload_id} ({row[1]}): {removed} responses" + kept_sentence(*shared),
        )  # fmt: skip
    return removed


def kept_sentence(kept: int, loads: list[int]) -> str:
    """Return '; kept 3 responses that load 4 also contains' (empty when no other load shares any)."""
    if not kept:
        return ""
    named = ", ".join(str(upload_id) for upload_id in loads)
    which = f"loads {named} also contain" if len(loads) > 1 else f"load {named} also contains"
    return f"; kept {kept} responses that {which}"


def saved_choices(con: duckdb.DuckDBPyConnection, survey: str) -> dict[str, str]:
    """Return the officer's saved column choices for a survey: simplified header -> field, question or ignore."""
    rows = con.execute("select header_key, target from saved_mappings where survey = ?", [survey]).fetchall()
    return dict(rows)


def added_questions(con: duckdb.DuckDBPyConnection, survey: str) -> dict[str, dict]:
    """Return the questions added to a survey in the app, shaped like the mapping file's questions."""
    rows = con.execute(
        "select question_id, question_text, scale from added_questions where survey = ? order by added_at", [survey]
    ).fetchall()
    return {qid: {"text": text, "scale": scale, "workstreams": []} for qid, text, scale in rows}


def save_choice(con: duckdb.DuckDBPyConnection, survey: str, header: str, target: str, saved_by: str) -> None:
    """Remember that this column header fills this field or question (or IGNORE) in every later export."""
    known = {*load_mapping(survey).fields, *load_mapping(survey).questions, *added_questions(con, survey), IGNORE}
    if target not in known:
        raise ValueError(f"'{target}' is not a field or question of {survey}.")
    with transaction(con):
        con.execute(
            "insert or replace into saved_mappings values (?, ?, ?, ?, ?, ?)",
            [survey, simplify(header), header, target, saved_by, dt.datetime.now()],
        )
        audit.record(con, saved_by, "mapping", f"{survey}: column '{header}' maps to {target}")


def add_question(con: duckdb.DuckDBPyConnection, survey: str, text: str, scale: str, added_by: str) -> str:
    """Add a question to a survey's catalogue and return its id (added_ and a slug of its text)."""
    if scale not in SCALES_FOR_ADDED:
        raise ValueError(f"Unknown answer type '{scale}'.")
    slug = re.sub(r"_+", "_", re.sub(r"[^a-z0-9]", "_", simplify(text)))[:40].strip("_") or "question"
    question_id = f"{ADDED_QUESTION_PREFIX}{slug}"
    with transaction(con):
        con.execute(
            "insert or ignore into added_questions values (?, ?, ?, ?, ?, ?)",
            [survey, question_id, text.strip(), scale, added_by, dt.datetime.now()],
        )
        audit.record(con, added_by, "mapping", f"{survey}: question '{text.strip()}' added ({scale})")
    return question_id
