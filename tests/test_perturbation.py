"""The cell-key method's parts: record keys drawn per row, the perturbation table's promises, and the SQL macros."""

import csv
import shutil
from collections import defaultdict

import pytest

from impact import config
from impact.store import db, perturbation


def table_rows() -> list[tuple[int, int, int]]:
    with config.PERTURBATION_TABLE.open() as f:
        return [(int(r["count"]), int(r["cell_key"]), int(r["adjustment"])) for r in csv.DictReader(f)]


def test_the_table_keeps_zeros_never_publishes_1_or_2_moves_at_most_4_and_is_unbiased():
    by_count = defaultdict(list)
    for count, key, adjustment in table_rows():
        by_count[count].append((key, adjustment))
    for count, cells in by_count.items():
        assert sorted(k for k, _ in cells) == list(range(256))
        published = [count + a for _, a in cells]
        assert all(p == 0 or p >= 3 for p in published) and all(abs(a) <= 4 for _, a in cells)
        assert sum(a for _, a in cells) == 0, count  # unbiased: the adjustments average exactly zero
    assert {a for _, a in by_count[0]} == {0}


def insert_responses(con, first: int, how_many: int) -> None:
    con.execute(
        """insert into responses (upload_id, survey, source_response_id, submitted_at, wave, quarter)
        select 1, 'big_bang', 'R' || (range + ?)::varchar, timestamp '2025-11-01', '2025-26', '2025-26 Q3'
        from range(?)""",
        [first, how_many],
    )


def test_record_keys_are_drawn_for_each_row_loaded_and_for_rows_there_before_the_column(tmp_path, monkeypatch):
    earlier = tmp_path / "migrations"
    earlier.mkdir()
    for sql in config.MIGRATIONS_DIR.glob("*.sql"):
        if int(sql.name.split("_", 1)[0]) < 20:
            shutil.copy(sql, earlier / sql.name)
    monkeypatch.setattr(config, "MIGRATIONS_DIR", earlier)
    con = db.duckdb.connect(str(tmp_path / "old.duckdb"))
    db.migrate(con)
    insert_responses(con, 0, 600)  # loaded before record keys existed
    monkeypatch.setattr(config, "MIGRATIONS_DIR", config.ROOT / "impact" / "store" / "migrations")
    db.migrate(con)
    perturbation.ensure_loaded(con)
    insert_responses(con, 600, 600)  # loaded after, by an insert that does not name the column

    def keys(where: str) -> tuple:
        return con.execute(
            "select count(distinct record_key), min(record_key), max(record_key) from responses "
            f"where (source_response_id[2:])::integer {where}"
        ).fetchone()

    for distinct, lowest, highest in (keys("< 600"), keys(">= 600")):
        # 600 draws from 0..255 give about 230 different keys; one key for all would mean a constant default.
        assert distinct > 200 and 0 <= lowest and highest <= 255
    con.close()


@pytest.mark.parametrize("count", [0, 1, 2, 3, 6, 7, 50])
def test_the_sql_macro_publishes_what_the_table_says(con, count):
    table = {(c, k): a for c, k, a in table_rows()}
    cap = max(c for c, _ in table)
    for key_sum in (0, 5, 255, 256 + 17):
        published = con.execute("select published(?::bigint, ?::bigint)", [count, key_sum]).fetchone()[0]
        assert published == count + table[(min(count, cap), key_sum % 256)]


def test_a_loaded_table_is_left_alone(con):
    assert perturbation.ensure_loaded(con) == 0
    assert con.execute("select count(*) from perturbation").fetchone()[0] == len(table_rows())
