"""Keep the counted cells (migrations 080-083, 085) equal to what the rows would count, as survey loads come and go.

Each cells table is a sum over responses, so a load adds its responses' cells and a removal subtracts them (a cell
key is a sum of record keys, so both add up exactly); retention and the sample build's fixed record keys, which
touch many loads at once, rebuild the tables from the rows. Every change runs in its caller's transaction."""

import duckdb

# Each table, the macro that counts its cells from the rows (one load's, or with NULL every load's; None: built here),
# the columns that name a cell and the columns that count it.
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
    "local_offer_theme_cells": (
        None,
        ["survey", *_FIELDS, "workstream_bits", "theme_bits"],
        ["comments", "comment_keys"],
    ),
    # the days each survey wave's responses were submitted (migration 085): when a wave began
    "response_day_cells": ("response_day_cells_of", ["survey", "wave", "day"], ["responses"]),
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


def rebuild(con: duckdb.DuckDBPyConnection, tables=tuple(TABLES)) -> None:
    """Count every cell again from the rows (after retention, or after record keys were rewritten)."""
    for table in tables:
        sql, params = _source(con, table, None)
        con.execute(f"delete from {table}")
        con.execute(f"insert into {table} {sql}", params)


def coded_patterns(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Return the theme patterns the comment theme cells were coded with, in bit order."""
    return dict(con.execute("select theme, pattern from comment_theme_patterns order by bit").fetchall())


def is_coded(con: duckdb.DuckDBPyConnection, patterns: dict[str, str]) -> bool:
    """Return whether the comment theme cells were coded with exactly these patterns, in this order."""
    return list(coded_patterns(con).items()) == list(patterns.items())


def code_themes(con: duckdb.DuckDBPyConnection, patterns: dict[str, str]) -> bool:
    """Code every comment again with these patterns (theme -> RE2 pattern, at most 64) unless the cells already
    were; return whether they had to be."""
    if len(patterns) > 64:  # more themes than bits: none coded, and the page counts the comments themselves
        patterns = {}
    if is_coded(con, patterns):
        return False
    con.execute("delete from comment_theme_patterns")
    if patterns:
        con.executemany(
            "insert into comment_theme_patterns values (?, ?, ?)",
            [[bit, theme, pattern] for bit, (theme, pattern) in enumerate(patterns.items())],
        )
    rebuild(con, ("local_offer_theme_cells",))
    return True


def _source(con: duckdb.DuckDBPyConnection, table: str, upload_id: int | None) -> tuple[str, dict]:
    """Return the SQL (and its parameters) counting a table's cells from the rows of one load, or of every load."""
    macro = TABLES[table][0]
    if macro:
        return f"select * from {macro}($upload_id)", {"upload_id": upload_id}
    # The comment themes: one bound pattern per theme (compiled once), each hit setting the theme's bit.
    patterns = coded_patterns(con)
    hits = " | ".join(
        f"case when regexp_matches(lower(c.answer_text), $pattern_{bit}) then {1 << bit}::ubigint else 0::ubigint end"
        for bit in range(len(patterns))
    )
    sql = f"""select r.survey, r.wave, r.quarter, r.respondent_type, r.age_band, r.primary_need, r.support_level,
           r.locality, coalesce(w.bits, 0::ubigint) as workstream_bits,
           {f"case when c.answer_text is not null then {hits} end" if hits else "0::ubigint"} as theme_bits,
           count(r.record_key) as comments, coalesce(sum(r.record_key), 0)::bigint as comment_keys
    from responses r
    join answers c on c.response_id = r.response_id and c.question_id = 'lo_comment'
    left join (
        select response_id, bit_or(bits) as bits from response_workstreams
        where $upload_id is null
           or response_id in (select response_id from responses where upload_id = $upload_id)
        group by response_id
    ) w on w.response_id = r.response_id
    where r.survey = 'local_offer' and ($upload_id is null or r.upload_id = $upload_id)
    group by all"""
    return sql, {"upload_id": upload_id, **{f"pattern_{bit}": p for bit, p in enumerate(patterns.values())}}


def _merge(con: duckdb.DuckDBPyConnection, table: str, upload_id: int, sign: str) -> None:
    _, keys, counts = TABLES[table]
    sql, params = _source(con, table, upload_id)
    same = " and ".join(f"t.{k} is not distinct from d.{k}" for k in keys)
    update = ", ".join(f"{c} = t.{c} {sign} d.{c}" for c in counts)
    values = ", ".join([*(f"d.{k}" for k in keys), *(f"{sign}d.{c}" for c in counts)])
    con.execute(
        f"""merge into {table} t using ({sql}) d on {same}
        when matched then update set {update}
        when not matched then insert ({", ".join([*keys, *counts])}) values ({values})""",
        params,
    )
