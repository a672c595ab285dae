"""Real-format exports (issue 11) through the command line: each stores exactly what a person counts by hand.

Files from tests/data/make_real_exports.py; the counts below come from its fixed answer cycles, noted beside each.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from impact.store import db
from pipelines.__main__ import main
from tests.conftest import DATA

REAL = DATA / "real_exports"
ROOT = Path(__file__).parent.parent


@pytest.fixture
def database(empty_db_path, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))
    return empty_db_path


def ingest(*args: str) -> int:
    return main(["ingest", *[str(a) for a in args]])


def rows(path, sql: str, params=()) -> list[tuple]:
    con = db.connect(path)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def stored(path, survey: str) -> tuple[int, int]:
    """Return (responses, answers) stored for a survey."""
    sql = "select (select count(*) from responses where survey = ?), (select count(*) from answers where survey = ?)"
    return rows(path, sql, [survey, survey])[0]


def positive(path, question_id: str) -> tuple[int, int]:
    """Return (positive answers, answers in the base) for a question."""
    sql = "select count(*) filter (where is_positive), count(is_positive) from answers where question_id = ?"
    return rows(path, sql, [question_id])[0]


def test_a_wave_from_february_to_april_loads_whole_with_each_response_in_its_own_quarter(database):
    assert ingest("--survey", "big_bang", "--wave", "Big Bang 2025", REAL / "a_big_bang_feb_to_apr.csv") == 0
    # 24 responses; 2 statements each and 6 comments (every 4th row) = 54 answers.
    assert stored(database, "big_bang") == (24, 54)
    quarters = rows(database, "select quarter, wave, count(*) from responses group by all order by 1")
    assert quarters == [("2024-25 Q4", "2024-25", 14), ("2025-26 Q1", "2025-26", 10)]  # 10 Feb-21 Mar, 1-23 Apr
    waves = rows(database, "select wave_name, first_response::date, last_response::date, responses from survey_waves")
    assert [(w[0], str(w[1]), str(w[2]), w[3]) for w in waves] == [("Big Bang 2025", "2025-02-10", "2025-04-23", 24)]
    assert positive(database, "bb_listened") == (10, 24)  # five-word cycle: 2 of every 5 agree
    assert positive(database, "bb_difference") == (12, 24)  # four words, no middle: 2 of every 4


def test_a_one_group_survey_asks_who_answered_then_remembers_it_for_the_layout(database, capsys, tmp_path):
    forum = REAL / "b_parent_carer_forum.csv"
    assert ingest("--survey", "involvement", forum) == 1
    assert "say who answered" in capsys.readouterr().out and stored(database, "involvement") == (0, 0)
    assert ingest("--survey", "involvement", "--respondent-type", "parent_carer", forum) == 0
    # 12 responses; 2 statements each and 4 comments (every 3rd row) = 28 answers.
    assert stored(database, "involvement") == (12, 28)
    assert rows(database, "select distinct respondent_type from responses") == [("Parent carer",)]
    assert positive(database, "inv_listened") == (8, 12)  # Agree, Disagree, Strongly agree: 2 of every 3
    later = tmp_path / "forum_july.csv"
    later.write_bytes(forum.read_bytes().replace(b"2025/06/", b"2025/07/"))
    capsys.readouterr()
    assert ingest("--survey", "involvement", "--dry-run", later) == 0
    assert "It would ask nothing." in capsys.readouterr().out
    assert ingest("--survey", "involvement", later) == 0  # the same layout: no questions, no option
    assert rows(database, "select respondent_type, count(*) from responses group by 1") == [("Parent carer", 24)]


def test_answers_on_five_other_scales_all_load_with_what_counts_as_positive(database):
    assert ingest("--survey", "involvement", REAL / "c_involvement_five_scales.csv") == 0
    assert stored(database, "involvement") == (20, 100)  # 20 responses, 5 statements each
    assert positive(database, "inv_listened") == (12, 20)  # four words: 3 of every 5 agree
    assert positive(database, "inv_difference") == (8, 20)  # 1-5: 4 or 5 in 2 of every 5
    assert positive(database, "inv_seen_change") == (12, 20)  # 1-10: 7 or more in 3 of every 5
    assert positive(database, "inv_get_involved") == (12, 20)  # Y, y, N, n, Yes
    assert positive(database, "inv_information") == (8, 20)  # two smiling faces of five
    scores = rows(database, "select max(score) from answers where question_id = 'inv_seen_change'")
    assert scores == [(10.0,)]


def test_local_offer_usefulness_as_one_to_five_and_as_yes_or_no(database):
    assert ingest("--survey", "local_offer", REAL / "c_local_offer_ratings.csv", REAL / "c_local_offer_yes_no.csv") == 0
    # 10 ratings (page, useful, found: 30 answers) + 10 yes/no (page, useful, 1 comment: 21 answers).
    assert stored(database, "local_offer") == (20, 51)
    assert positive(database, "lo_useful") == (4 + 6, 20)  # 5 or 4 in 4 of 10; Yes in 6 of 10
    assert positive(database, "lo_found") == (5, 10)  # Y, n, y, N


def test_wordings_with_the_area_name_sub_headers_and_paper_abbreviations_match(database):
    assert ingest("--survey", "big_bang", REAL / "d_smartsurvey_area_name.csv", REAL / "d_paper_typed_up.csv") == 0
    # SmartSurvey: 10 responses x 3 statements (its comments are blank); paper: 12 x (SEND?, listen, views).
    assert stored(database, "big_bang") == (22, 30 + 36)
    assert rows(database, "select count(locality) from responses") == [(22,)]  # "Which area of Portsmouth...", "Area"
    assert positive(database, "bb_listened") == (4 + 6, 22)  # five words 4 of 10; "Adults listen (1-5)" 6 of 12
    assert positive(database, "bb_has_send") == (8, 12)  # "SEND? (Y/N)": Y, N, y


def test_another_area_name_is_set_aside_when_configured(con, monkeypatch):
    from pipelines.ingest import prepare

    monkeypatch.setenv("SEND_IMPACT_AREA_NAME", "Southampton")
    content = (REAL / "d_smartsurvey_area_name.csv").read_bytes().replace(b"Portsmouth", b"Southampton")
    prepared = prepare(con, content, "southampton.csv", "big_bang")
    assert prepared.matched["2. Which area of Southampton do you live in?"] == "locality"


def test_excel_damage_is_repaired_and_said(database, capsys):
    assert ingest("--survey", "big_bang", REAL / "e_before_excel.csv") == 0
    assert ingest("--survey", "big_bang", REAL / "e_resaved_in_excel.csv") == 0
    out = capsys.readouterr().out
    assert "'Nov-15' as 11-15, '12-Oct' as 10-12" in out and "such as '101' as '000101'" in out
    assert "Excel date numbers" in out and "6 were already loaded" in out
    assert stored(database, "big_bang") == (10, 10)  # IDs 101-106 recognised as 000101-000106: 4 new
    new = rows(database, "select source_response_id, age_band, submitted_at::date from responses order by 1")[6:]
    assert [(r[0], r[1], str(r[2])) for r in new] == [
        ("000107", "11-15", "2025-12-07"),
        ("000108", "10-12", "2025-12-08"),
        ("000109", "16-19", "2025-12-09"),
        ("000110", "11-15", "2025-12-10"),
    ]


def test_paper_returns_load_once_each_and_placeholders_are_missing_answers(database, capsys):
    assert ingest("--survey", "involvement", REAL / "f_paper_returns.csv") == 0
    out = capsys.readouterr().out
    assert "no response ID column" in out and "Row 7 left out: the same submission as row 6" in out
    # 14 forms (one typed twice); "I feel listened to" answered on 8 (6 placeholders), views on 14, 4 comments.
    assert stored(database, "involvement") == (14, 8 + 14 + 4)
    assert positive(database, "inv_listened") == (5, 8)
    assert rows(database, "select count(*) from answers where answer_text in ('-', 'n/a', 'N/A', '—', 'none')") == [
        (0,)
    ]


def test_pick_several_answers_are_kept_as_separate_choices(database):
    one_cell, columns = REAL / "g_multi_select_one_cell.csv", REAL / "g_multi_select_columns.csv"
    assert ingest("--survey", "involvement", one_cell, columns) == 0
    # Each file: 10 responses, 8 ticked something; the one-cell file also has 10 "I feel listened to".
    assert stored(database, "involvement") == (20, 8 + 10 + 8)
    choices = rows(database, "select choice, count(*) from answer_choices group by 1 order by 2 desc, 1")
    assert choices == [("Help at school", 8), ("Short breaks", 8), ("Transport", 8), ("Someone to talk to", 4)]


NASTY = {
    "empty.csv": b"",
    "only_header.csv": b"Response ID,Date submitted,How old are you?\n",
    "commas.csv": b",,,,\n,,,,\n",
    "binary.csv": bytes(range(256)) * 4,
    "not_really.xlsx": b"Response ID,Date\n1,2\n",
    "bad_dates.csv": b"Response ID,Date submitted,How old are you?,I feel listened to\n1,yesterday,14,Agree\n",
}


def test_no_file_of_any_kind_ends_in_a_traceback(tmp_path, empty_db_path):
    for name, content in NASTY.items():
        (tmp_path / name).write_bytes(content)
    files = [*sorted(str(p) for p in REAL.iterdir()), *(str(tmp_path / n) for n in NASTY), str(tmp_path / "gone.csv")]
    env = {"SEND_IMPACT_DB": str(empty_db_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "ingest", "--survey", "auto", *files],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert done.returncode == 1 and "empty.csv" in done.stdout and "gone.csv" in done.stdout


def test_a_bad_profile_or_respondent_type_is_one_sentence(database, tmp_path, capsys):
    bad_profile = tmp_path / "profile.yaml"
    bad_profile.write_text("survey: [unclosed")
    assert ingest("--survey", "big_bang", "--profile", bad_profile, REAL / "a_big_bang_feb_to_apr.csv") == 1
    assert ingest("--survey", "involvement", "--respondent-type", "martian", REAL / "b_parent_carer_forum.csv") == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        "a_big_bang_feb_to_apr.csv could not be loaded: The profile file is not readable YAML (while parsing a flow "
        "sequence). Nothing from it has been saved.",
        "b_parent_carer_forum.csv could not be loaded: 'martian' is not a respondent type: say young_person, "
        "parent_carer or professional. Nothing from it has been saved.",
    ]
    assert stored(database, "big_bang") == (0, 0)


def test_profiles_export_to_yaml_and_import_into_another_database(database, tmp_path, monkeypatch, capsys):
    forum = REAL / "b_parent_carer_forum.csv"
    assert ingest("--survey", "involvement", "--respondent-type", "parent_carer", forum) == 0
    shared = tmp_path / "profiles.yaml"
    assert main(["profiles", "export", str(shared)]) == 0
    assert "respondent_type: Parent carer" in shared.read_text()
    other = tmp_path / "other_council.duckdb"
    monkeypatch.setenv("SEND_IMPACT_DB", str(other))
    assert main(["profiles", "import", str(shared)]) == 0
    assert ingest("--survey", "involvement", forum) == 0  # no --respondent-type: the imported profile says
    assert rows(other, "select respondent_type, count(*) from responses group by 1") == [("Parent carer", 12)]
    audit = rows(other, "select action, detail from audit_log where action = 'mapping'")
    assert len(audit) == 1 and "who answered: Parent carer" in audit[0][1]
