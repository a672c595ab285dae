"""The command line gives the same report as the Upload page, with the quarantine choice as a flag."""

from getpass import getuser

import pytest

from impact.store import db
from pipelines.__main__ import main
from tests.conftest import DATA


@pytest.fixture
def database(empty_db_path, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))
    return empty_db_path


def responses(path) -> int:
    con = db.connect(path)
    try:
        return con.execute("select count(*) from responses").fetchone()[0]
    finally:
        con.close()


def test_rows_with_problems_refuse_the_file_until_good_rows_are_chosen(database, capsys, tmp_path):
    export = str(DATA / "microsoft_forms_involvement.xlsx")
    assert main(["ingest", "--survey", "involvement", export]) == 1
    out = capsys.readouterr().out
    assert "2 rows have problems" in out and "outside the allowed range 0 to 25 in row 4" in out
    assert "Row 5 left out: area: not one of the accepted answers" in out
    assert responses(database) == 0
    rejected = tmp_path / "left_out.csv"
    assert main(["ingest", "--survey", "auto", "--load-good-rows", "--rejected-csv", str(rejected), export]) == 0
    out = capsys.readouterr().out
    assert "Loaded 4 responses from microsoft_forms_involvement.xlsx" in out
    assert responses(database) == 4
    lines = rejected.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Row,Why it is left out") and [line[:2] for line in lines[1:]] == ["4,", "5,"]


def test_history_lists_loads_and_remove_takes_one_away(database, capsys):
    # Who loaded is the operating system user: a typed name is ignored, and the command says so.
    main(["ingest", "--survey", "big_bang", "--loaded-by", "Pat", str(DATA / "surveymonkey_big_bang.csv")])
    assert f"--loaded-by is no longer used: the audit log records the operating system user ({getuser()})" in (
        capsys.readouterr().out
    )
    assert main(["ingest", "--survey", "big_bang", str(DATA / "surveymonkey_big_bang.csv")]) == 0
    assert "already loaded" in capsys.readouterr().out
    main(["history"])
    out = capsys.readouterr().out
    assert "surveymonkey_big_bang.csv" in out and getuser() in out and "Pat" not in out and "SurveyMonkey" in out
    assert main(["remove", "1", "--removed-by", "Sam"]) == 0
    assert "Removed load 1: 5 responses" in capsys.readouterr().out
    assert responses(database) == 0
    con = db.connect(database)
    who = con.execute("select who from audit_log order by audit_id").fetchall()
    con.close()
    assert who == [(getuser(),), (getuser(),)]
