"""Keep the counted cells (migrations 080-082) equal to what the rows would count, as survey loads come and go.

Each cells table is a sum over responses, so a load adds its responses' cells and a removal subtracts them (a cell
key is a sum of record keys, so both add up exactly); retention and the sample build's fixed record keys, which
touch many loads at once, rebuild the tables from the rows. Every change runs in its caller's transaction."""

import duckdb

# Each table, the macro that counts its cells from the rows (one load's, or with NULL every load's), the columns
# that name a cell and the columns that count it.
_FIELDS = ["wave", "quarter", "respondent_type", "age_band", "primary_need", "support_level", "locality"]
TABLES = {
    "answer_cells": (
        "answer_cells_of",
        ["survey", "question_id", *_FIELDS],
        ["answered", "answered_keys", "positive", "positive_keys"],
    ),
    "response_cells": (
        "response_cells_of",
        ["survey", *_FIELDS, "workstream_bits"],
        ["responses", "response_keys"],
    ),
    "local_offer_cells": (
        "local_offer_cells_of",
        ["survey", *_FIELDS, "workstream_bits", "section"],
        ["feedback", "feedback_keys", "comments", "comment_keys", "rated", "rated_keys", "useful", "useful_keys"],
    ),
}


def record_load(con: duckdb.DuckDBPyConnection, upload_id: int) -> None:
    """Add the cells of one survey load's responses (after response_workstreams.record_load, which gives the bits)."""
    for table in TABLES:
        _merge(con, table, upload_id, "+")


def remove_load(con: duckdb.DuckDBPyConnection, upload_id: int) -> None:
    """Take away the cells of the responses a removal is about to delete: call it while they are still there."""
    for table, (_, _, counts) in TABLES.items():
        _merge(con, table, upload_id, "-")
        con.execute(f"delete from {table} where {' and '.join(f'{c} = 0' for c in counts)}")  # names are ours


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Count every cell again from the rows (after retention, or after record keys were rewritten)."""
    for table, (macro, _, _) in TABLES.items():
        con.execute(f"delete from {table}")
        con.execute(f"insert into {table} select * from {macro}(null)")


def _merge(con: duckdb.DuckDBPyConnection, table: str, upload_id: int, sign: str) -> None:
    macro, keys, counts = TABLES[table]
    same = " and ".join(f"t.{k} is not distinct from d.{k}" for k in keys)
    update = ", ".join(f"{c} = t.{c} {sign} d.{c}" for c in counts)
    values = ", ".join([*(f"d.{k}" for k in keys), *(f"{sign}d.{c}" for c in counts)])
    con.execute(
        f"""merge into {table} t using (select * from {macro}($upload_id)) d on {same}
        when matched then update set {update}
        when not matched then insert ({", ".join([*keys, *counts])}) values ({values})""",
        {"upload_id": upload_id},
    )
