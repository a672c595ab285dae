"""A survey load holds DuckDB to a memory limit (pipelines/load.py, LOAD_MEMORY_LIMIT) and puts the limit back; a
load that does not fit in it runs again without it, so a limit never refuses a file."""

import duckdb

import pipelines.load as load
from impact.store import cells, db
from tests.conftest import count, load_fixture


def limit(con) -> str:
    return con.execute("select current_setting('memory_limit')").fetchone()[0]


def test_the_limit_holds_only_for_the_block_and_never_raises_one(con):
    before = limit(con)
    with load.memory_limit(con, "250MB"):
        assert limit(con) == "238.4 MiB"
    assert limit(con) == before
    con.execute("set memory_limit = '100MB'")
    with load.memory_limit(con, "250MB"):
        assert limit(con) == "95.3 MiB"
    assert limit(con) == "95.3 MiB"


def test_a_load_that_does_not_fit_the_limit_loads_whole_without_it(con, monkeypatch):
    monkeypatch.setattr(load, "LOAD_MEMORY_LIMIT", "1MB")  # too little for anything: the first attempt fails
    before = limit(con)
    result = load_fixture(con, "involvement_2024-25.csv", "involvement")
    assert result.status == "loaded" and result.load.rows_loaded == count(con, "responses") > 0
    assert count(con, "uploads") == 1 and count(con, "answers") > 0
    assert limit(con) == before


def test_a_load_within_the_limit_loads_once(con, monkeypatch):
    seen = []
    real = load._load_responses
    monkeypatch.setattr(load, "_load_responses", lambda *a: seen.append(limit(con)) or real(*a))
    assert load_fixture(con, "involvement_2024-25.csv", "involvement").status == "loaded"
    assert seen == ["238.4 MiB"]


def test_out_of_memory_is_what_duckdb_raises_under_the_limit():
    with duckdb.connect() as con, load.memory_limit(con, "1MB"):
        try:
            con.execute("select count(distinct i) from range(10000000) t(i)").fetchall()
        except duckdb.OutOfMemoryException:
            return
    raise AssertionError("expected DuckDB to run out of memory under a 1 MB limit")


def test_a_load_that_runs_out_of_memory_halfway_is_rolled_back_and_loaded_once(con, empty_db_path, monkeypatch):
    real, calls = cells.record_load, []

    def short_of_memory_once(*args):
        calls.append(1)
        if len(calls) == 1:  # after the responses and answers are written, before the commit
            raise duckdb.OutOfMemoryException("Out of Memory Error: failed to allocate")
        return real(*args)

    monkeypatch.setattr(cells, "record_load", short_of_memory_once)
    assert load_fixture(con, "involvement_2024-25.csv", "involvement").status == "loaded"
    assert len(calls) == 2
    monkeypatch.setattr(cells, "record_load", real)
    tables = ["responses", "answers", "upload_responses", "answer_cells", "response_cells", "response_workstreams"]
    once = {table: count(con, table) for table in tables}
    fresh = db.connect(empty_db_path.with_name("fresh.duckdb"))  # the same file loaded plainly holds the same rows
    load_fixture(fresh, "involvement_2024-25.csv", "involvement")
    assert {table: count(fresh, table) for table in tables} == once
    fresh.close()
