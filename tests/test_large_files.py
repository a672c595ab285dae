"""Large files take shortcuts (rules checked on distinct values, answers loaded in chunks): the officer must see the
same problems, naming the same rows, and the same data loaded as from the row-by-row path."""

import os
import subprocess
import sys

import pandas as pd
import pytest

from impact import config
from impact.store import db
from pipelines import load, validate
from pipelines.ingest import commit, ingest, prepare

SURVEY = "involvement"
ROWS = 400
# A file over the (lowered) size from which rules are checked on distinct values.
DISTINCT_FROM = 100
BAD = {  # row in the file (the header is row 1) -> column -> value
    12: {"How old is your child or young person?": "200"},
    57: {"Which area do you live in?": "Atlantis"},
    58: {"Which area do you live in?": "Atlantis"},
    301: {"Date submitted": ""},
    377: {"I feel listened to": "Sometimes, maybe"},
}


def export(rows: int = ROWS, changes: dict | None = None) -> bytes:
    """Return an involvement export of `rows` responses resampled from the sample exports, each with its own id."""
    paths = sorted(config.SAMPLES_DIR.glob(f"{SURVEY}_*.csv"))
    pool = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in paths], ignore_index=True)
    sample = pool.sample(n=rows, replace=True, random_state=17).reset_index(drop=True)
    sample["Response ID"] = [str(300_000_000 + i) for i in range(rows)]
    for row, values in (changes or {}).items():
        for column, value in values.items():
            sample.loc[row - 2, column] = value
    return sample.to_csv(index=False).encode()


@pytest.fixture
def distinct_from(monkeypatch):
    monkeypatch.setattr(validate, "DISTINCT_FROM_ROWS", DISTINCT_FROM)


def test_a_large_file_with_bad_values_is_refused_naming_those_rows(con, monkeypatch):
    content = export(changes=BAD)
    row_by_row = prepare(con, content, "big.csv", SURVEY).problems
    monkeypatch.setattr(validate, "DISTINCT_FROM_ROWS", DISTINCT_FROM)
    prepared = prepare(con, content, "big.csv", SURVEY)

    assert [vars(p) for p in prepared.problems] == [vars(p) for p in row_by_row]
    assert prepared.rejected_rows == sorted(BAD)
    area = next(p for p in prepared.problems if p.column == "area")
    assert (area.rows, area.examples) == ([57, 58], ["Atlantis"])
    assert "2 rows (57, 58)" in area.sentence()
    result = commit(con, prepared, "test")
    assert result.status == "rejected" and "5 rows have problems" in result.message
    assert con.execute("select count(*) from responses").fetchone()[0] == 0


def _loaded(con) -> tuple[pd.DataFrame, pd.DataFrame]:
    columns = ", ".join(["survey", *load.RESPONSE_COLUMNS])
    responses = con.execute(f"select {columns} from responses order by source_response_id").df()
    answers = con.execute(
        "select r.source_response_id, a.survey, a.question_id, a.answer_text, a.score, a.is_positive "
        "from answers a join responses r using (response_id) order by all"
    ).df()
    return responses, answers


def _fresh(tmp_path, name: str):
    return db.connect(tmp_path / f"{name}.duckdb")


def test_a_large_good_file_loads_exactly_as_row_by_row(con, tmp_path, distinct_from):
    # With a test response and an exact repeat, which are left out whichever way the file is checked.
    content = export(changes={40: {"What one thing would make the biggest difference?": "test"}})
    lines = content.decode().splitlines(keepends=True)
    content = "".join([*lines, lines[99]]).encode()
    large = ingest(con, content, "big.csv", SURVEY, loaded_by="test")

    small_con = _fresh(tmp_path, "small")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "DISTINCT_FROM_ROWS", 10**9)
        small = ingest(small_con, content, "big.csv", SURVEY, loaded_by="test")

    assert large.status == small.status == "loaded"
    assert large.message == small.message and "2 test or repeated responses were left out" in large.message
    for mine, theirs in zip(_loaded(con), _loaded(small_con), strict=True):
        pd.testing.assert_frame_equal(mine, theirs)
    small_con.close()


def test_answers_loaded_in_chunks_equal_answers_loaded_at_once(con, tmp_path, monkeypatch):
    content = export(rows=60)
    ingest(con, content, "file.csv", SURVEY, loaded_by="test")
    monkeypatch.setattr(load, "ANSWER_CHUNK_ROWS", 7)
    chunked_con = _fresh(tmp_path, "chunked")
    ingest(chunked_con, content, "file.csv", SURVEY, loaded_by="test")

    at_once, chunked = _loaded(con)[1], _loaded(chunked_con)[1]
    assert len(chunked) > 60
    pd.testing.assert_frame_equal(chunked, at_once)
    chunked_con.close()


def test_the_command_line_loads_nothing_from_a_file_its_worker_refuses(tmp_path):
    # A new process, as an officer runs it: Great Expectations validates in a worker process started with it.
    bad = tmp_path / "involvement_bad.csv"
    bad.write_bytes(export(rows=20, changes={12: {"Which area do you live in?": "Atlantis"}}))
    good = tmp_path / "involvement_good.csv"
    good.write_bytes(export(rows=10))
    env = {**os.environ, "SEND_IMPACT_DB": str(tmp_path / "cli.duckdb")}
    command = [sys.executable, "-m", "pipelines", "ingest", "--survey", SURVEY, str(bad), str(good)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=config.ROOT, timeout=300)

    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr == ""  # nothing but the sentences: no warnings, no library's messages at exit
    assert "involvement_bad.csv was not loaded: 1 row has problems" in done.stdout
    assert "Column 'area': not one of the accepted answers" in done.stdout and "in row 12" in done.stdout
    assert "Loaded 10 responses from involvement_good.csv" in done.stdout
    with db.reading(tmp_path / "cli.duckdb") as reading:
        assert reading.execute("select count(*), min(file_name) from uploads").fetchone() == (1, "involvement_good.csv")


def test_the_command_line_names_a_repeated_id_it_found_while_loading_and_loads_the_good_rows(tmp_path):
    # The command line loads while Great Expectations still checks the file in its worker: the load fails on the
    # repeated id before the checks say why, and the officer must still hear the checks, then get the good rows.
    changes = {6: {"Response ID": "300000003"}, 12: {"Which area do you live in?": "Atlantis"}}
    path = tmp_path / "involvement_repeat.csv"
    path.write_bytes(export(rows=20, changes=changes))
    env = {**os.environ, "SEND_IMPACT_DB": str(tmp_path / "cli.duckdb")}
    command = [sys.executable, "-m", "pipelines", "ingest", "--survey", SURVEY, "--load-good-rows", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=config.ROOT, timeout=300)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "Loaded 17 responses from involvement_repeat.csv" in done.stdout
    assert "3 rows with problems were left out" in done.stdout
    assert "Column 'response ID': a value repeated that must be unique in 2 rows (5, 6)" in done.stdout
    with db.reading(tmp_path / "cli.duckdb") as reading:
        assert reading.execute("select count(*) from responses").fetchone() == (17,)
        assert reading.execute("select count(distinct response_id) from answers").fetchone() == (17,)


def test_great_expectations_still_runs_rules_that_need_the_modules_the_worker_defers():
    # The worker defers scipy.stats and altair (no suite here uses them, and importing them is most of a small file's
    # wait); a suite rule that does use them must still give Great Expectations' own verdict.
    script = """
from pipelines import validation_worker
for name in validation_worker.UNUSED_BY_SUITES:
    validation_worker.defer(name)
import sys
import pandas as pd
from pipelines import validate
assert 'entropy' not in vars(sys.modules['scipy.stats']), 'scipy.stats ran at import'
rule = {"type": "expect_column_kl_divergence_to_be_less_than", "kwargs": {"column": "value", "threshold": 0.1,
        "partition_object": {"values": ["a", "b"], "weights": [0.5, 0.5]}}}
for values in (["a", "b"] * 50, ["a"] * 95 + ["b"] * 5):
    failed = validate._failed_results(pd.DataFrame({"value": values}), "kl", "kl", [rule], {})
    print(len(failed))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=config.ROOT, timeout=120)

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "1"]  # an even split passes; 95 to 5 is far from it
