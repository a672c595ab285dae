"""Survey exports from each tool through the whole pipeline into a real DuckDB file: what loads, what is
refused, and what the officer is told. Counts are hand-counted from tests/data/make_upload_fixtures.py."""

import pandas as pd
import pytest

from pipelines import report
from pipelines.ingest import commit, prepare
from pipelines.load import remove_upload
from pipelines.mapping import IGNORE
from pipelines.normalise import parse_age, redact_free_text
from pipelines.surveys import save_column_choice
from tests.conftest import DATA, count


def prepare_fixture(con, name: str, kind: str, wave: str | None = None):
    return prepare(con, (DATA / name).read_bytes(), name, kind, wave)


def stored_text(con) -> str:
    """Every value stored in responses and answers, as one string to search."""
    rows = con.execute("select * from responses").fetchall() + con.execute("select * from answers").fetchall()
    return " ".join(str(value) for row in rows for value in row)


def test_surveymonkey_export_loads_real_responses_and_leaves_out_tests_and_repeats(con):
    prepared = prepare_fixture(con, "surveymonkey_big_bang.csv", "big_bang")
    lines = report.report_lines(prepared)
    assert lines[0].startswith("Read 7 rows from a SurveyMonkey export with two header rows")
    assert "Dates were read as month/day/year: 11/13/2025 09:00:00 AM can only be read that way." in lines
    assert "Identifying columns, never stored: IP Address, Email Address, First Name, Last Name" in lines
    assert "Row 7 left out: a test response ('test' as an answer)" in lines
    assert "Row 8 left out: the same submission as row 6 (an exact repeat)" in lines
    result = commit(con, prepared, "Pat")
    assert result.status == "loaded" and result.load.rows_loaded == 5
    ids = [r[0] for r in con.execute("select source_response_id from responses order by 1").fetchall()]
    assert ids == ["114001", "114002", "114003", "114004", "114006"]
    assert count(con, "answers") == 24  # four grid statements each, and four comments
    when = con.execute("select submitted_at from responses where source_response_id = '114003'").fetchone()[0]
    assert when == pd.Timestamp("2025-11-13 09:00").to_pydatetime()
    upload = con.execute("select tool, rows_in_file, rows_loaded, rows_flagged from uploads").fetchone()
    assert upload == ("SurveyMonkey", 7, 5, 2)


def test_names_emails_phone_numbers_and_identifying_columns_never_reach_the_database(con):
    commit(con, prepare_fixture(con, "surveymonkey_big_bang.csv", "big_bang"), "Pat")
    commit(con, prepare_fixture(con, "microsoft_forms_involvement.xlsx", "involvement"), "Pat", load_good_rows=True)
    stored = stored_text(con)
    for secret in ["Jake", "07700", "sam.smith", "Khan", "192.0.2", "officer.test", "Priya", "9268", "anonymous"]:
        assert secret not in stored, secret
    assert "I liked the forum – [name removed] helped me a lot. Call me on [phone removed]" in stored
    assert "[name removed] would like a reply about transport" in stored


def test_rows_that_break_a_rule_are_listed_and_nothing_loads_unless_the_officer_chooses(con):
    prepared = prepare_fixture(con, "microsoft_forms_involvement.xlsx", "involvement")
    sentences = [p.sentence() for p in prepared.problems]
    assert sentences == [
        "Column 'age': outside the allowed range 0 to 25 in row 4, for example '31'.",
        "Column 'area': not one of the accepted answers (Central, North, Out of area, South, Prefer not to say) "
        "in row 5, for example 'Westside'.",
    ]
    left_out = report.left_out_rows(prepared)
    assert left_out[["Row", "Why it is left out"]].values.tolist() == [
        [4, "age: outside the allowed range 0 to 25"],
        [5, "area: not one of the accepted answers (Central, North, Out of area, South, Prefer not to say)"],
    ]
    assert left_out["How old is your child or young person?"].tolist() == ["31", ""]
    refused = commit(con, prepared, "Pat")
    assert refused.status == "rejected" and "2 rows have problems" in refused.message
    assert "load the 4 good rows" in refused.message and count(con, "responses") == 0
    loaded = commit(con, prepared, "Pat", load_good_rows=True)
    assert loaded.status == "loaded" and "2 rows with problems were left out" in loaded.message
    assert con.execute("select rows_loaded, rows_rejected from uploads").fetchone() == (4, 2)


def test_prefer_not_to_say_and_blank_stay_apart_and_out_of_bases(con):
    commit(con, prepare_fixture(con, "microsoft_forms_involvement.xlsx", "involvement"), "Pat", load_good_rows=True)
    row = con.execute(
        "select age_years, age_band, locality, primary_need from responses where source_response_id = '5'"
    ).fetchone()
    assert row == (None, "Prefer not to say", "Prefer not to say", "Prefer not to say")
    answers = con.execute(
        "select answer_text, is_positive from answers a join responses r using (response_id) "
        "where r.source_response_id = '5' order by question_id"
    ).fetchall()
    assert answers == [("Prefer not to say", None), ("Prefer not to say", None)]  # the rest were blank


def test_reworded_and_aliased_questions_load_into_their_indicators(con):
    prepared = prepare_fixture(con, "microsoft_forms_involvement.xlsx", "involvement")
    assert prepared.matched["I have seen change because of my feedback"] == "inv_seen_change"
    assert prepared.matched["I feel that I am listened to"] == "inv_listened"
    assert prepared.review.unknown == ["Which events have you been to?"]
    commit(con, prepared, "Pat", load_good_rows=True)
    positive, base = con.execute(
        "select count(*) filter (where is_positive), count(is_positive) from indicator_answers "
        "where indicator = 'seen_change'"
    ).fetchone()
    assert (positive, base) == (2, 3)  # rows 2, 3, 7: Disagree, Agree, Agree; row 6 blank


def test_google_forms_without_ids_is_known_by_time_and_answers_so_overlaps_load_once(con):
    first = commit(con, prepare_fixture(con, "google_forms_involvement.csv", "involvement"), "Pat")
    assert first.load.rows_loaded == 4 and "test or repeated" in first.message
    later = (DATA / "google_forms_involvement.csv").read_text().splitlines()
    later[0] += ",How did you hear about the survey?"  # a question added to the form since
    later = [later[0]] + [line + "," for line in later[1:]]
    later.append("2026/02/20 10:00:00 am GMT,,Parent carer,9,South,Agree,Agree,Agree,Forum,More forums,A friend")
    again = commit(con, prepare(con, "\n".join(later).encode(), "google_later.csv", "involvement"), "Pat")
    assert (again.load.rows_loaded, again.load.rows_skipped) == (1, 4)
    assert count(con, "responses") == 5


def test_smartsurvey_local_offer_reads_past_its_title_and_summary_rows(con):
    prepared = prepare_fixture(con, "smartsurvey_local_offer.csv", "local_offer")
    assert "Row 9 is a summary row ('TOTAL'), not a response: it was not read." in prepared.review.notes
    result = commit(con, prepared, "Pat")
    assert result.load.rows_loaded == 4
    scores = con.execute("select score from answers where question_id = 'lo_useful' order by response_id").fetchall()
    assert [s[0] for s in scores] == [4.0, 2.0, 5.0, 3.0]
    assert "Ring me on [phone removed]" in stored_text(con)


def test_an_excel_sheet_typed_up_by_hand_loads_with_ages_as_given(con):
    prepared = prepare_fixture(con, "excel_big_bang.xlsx", "big_bang")
    assert "Dates were Excel date numbers (such as 45968.4375) and were converted to dates." in prepared.review.notes
    commit(con, prepared, "Pat")
    ages = con.execute("select age_years, age_band from responses order by submitted_at").fetchall()
    assert ages == [(14, "12-16"), (14, "12-16"), (14, "12-16"), (None, "11-15"), (None, None),
                    (None, "Prefer not to say")]  # fmt: skip
    first = con.execute("select min(submitted_at) from responses").fetchone()[0]
    assert first == pd.Timestamp("2025-11-07 10:30").to_pydatetime()


def test_semicolons_decimal_commas_and_numbered_answers(con):
    commit(con, prepare_fixture(con, "excel_semicolon_big_bang.csv", "big_bang"), "Pat")
    rows = con.execute(
        "select r.source_response_id, r.age_years, a.answer_text, a.score from responses r join answers a "
        "using (response_id) where a.question_id = 'bb_listened' order by 1"
    ).fetchall()
    assert rows == [("E-1", 14, "Agree", 4.0), ("E-2", 15, "Disagree", 2.0), ("E-3", 16, "Agree", 4.0)]
    assert "Café was great – £2" in stored_text(con)


def test_a_file_from_another_survey_is_refused_in_one_sentence_naming_the_right_one(con):
    prepared = prepare_fixture(con, "smartsurvey_local_offer.csv", "big_bang")
    assert [p.sentence() for p in prepared.problems] == [
        "smartsurvey_local_offer.csv does not look like a Big Bang survey (young people) export: few of its "
        "columns match its questions. It looks like a Local Offer feedback export: choose that survey instead."
    ]
    assert commit(con, prepared, "Pat", load_good_rows=True).status == "rejected" and count(con, "uploads") == 0


def test_an_unreadable_file_is_refused_whole(con):
    prepared = prepare_fixture(con, "mixed_encoding.csv", "big_bang")
    result = commit(con, prepared, "Pat", load_good_rows=True)
    assert result.status == "rejected" and "row 4 contains a character" in result.message
    assert count(con, "responses") == 0


def test_a_wave_is_named_and_no_response_is_refused_for_its_financial_year(con):
    # Issue 11 changed this: a wave is a collection window, so rows either side of 31 March all load.
    prepared = prepare_fixture(con, "big_bang_two_waves.csv", "big_bang")
    assert prepared.review.wave == "Big Bang survey 2025" and prepared.problems == []
    assert prepared.review.waves_in_file == ["2024-25", "2025-26"]
    named = prepare_fixture(con, "big_bang_two_waves.csv", "big_bang", wave="Big Bang 2025")
    assert named.review.wave == "Big Bang 2025" and named.rejected_rows == []


def test_a_row_with_an_extra_value_is_left_out_not_guessed(con):
    result = commit(con, prepare_fixture(con, "big_bang_extra_value.csv", "big_bang"), "Pat", load_good_rows=True)
    assert result.load.rows_loaded == 2
    assert [r[0] for r in con.execute("select source_response_id from responses order by 1").fetchall()] == [
        "X-1",
        "X-3",
    ]


def test_the_same_id_with_different_answers_is_a_problem_not_a_repeat(con):
    content = b"Response ID,Date submitted,How old are you?,I feel listened to\nD-1,04/11/2025,14,Agree\n"
    content += b"D-1,04/11/2025,14,Disagree\nD-2,05/11/2025,15,Agree\n"
    prepared = prepare(con, content, "dupes.csv", "big_bang")
    assert prepared.flagged_rows == [] and prepared.rejected_rows == [2, 3]
    assert "a value repeated that must be unique" in prepared.problems[0].sentence()


def test_removing_a_load_removes_exactly_its_rows_and_the_file_can_be_loaded_again(con):
    commit(con, prepare_fixture(con, "big_bang_small.csv", "big_bang"), "Pat")
    later = commit(con, prepare_fixture(con, "big_bang_later_export.csv", "big_bang"), "Pat")
    assert count(con, "responses") == 8
    assert remove_upload(con, later.load.upload_id, "Sam") == 2
    assert count(con, "responses") == 6 and count(con, "answers") == 12
    assert con.execute("select file_name, removed_by from removed_uploads").fetchone() == (
        "big_bang_later_export.csv",
        "Sam",
    )
    again = commit(con, prepare_fixture(con, "big_bang_later_export.csv", "big_bang"), "Pat")
    assert again.status == "loaded" and again.load.rows_loaded == 2


def test_only_survey_loads_can_be_removed(con):
    commit(con, prepare(con, (DATA / "actions_small.csv").read_bytes(), "actions_small.csv", "actions"), "Pat")
    with pytest.raises(ValueError, match="Only survey loads can be removed"):
        remove_upload(con, 1, "Sam")


def test_a_new_question_mapped_once_is_used_for_the_next_export(con):
    first = prepare_fixture(con, "excel_big_bang.xlsx", "big_bang")
    assert first.review.unknown == ["Do you feel safe at school?"]
    question = save_column_choice(con, "big_bang", "Do you feel safe at school?", "new:yesno", "Pat")
    assert question == "added_do_you_feel_safe_at_school"
    again = prepare_fixture(con, "excel_big_bang.xlsx", "big_bang")
    assert again.matched["Do you feel safe at school?"] == question and again.review.unknown == []
    commit(con, again, "Pat")
    positive, base = con.execute(
        "select count(*) filter (where is_positive), count(is_positive) from answers where question_id = ?",
        [question],
    ).fetchone()
    assert (positive, base) == (3, 5)  # Yes, No, Yes, Yes, Prefer not to say, No
    assert con.execute("select question_text from questions where question_id = ?", [question]).fetchone() == (
        "Do you feel safe at school?",
    )


def test_a_column_marked_not_needed_is_no_longer_asked_about(con):
    save_column_choice(con, "involvement", "Which events have you been to?", IGNORE, "Pat")
    prepared = prepare_fixture(con, "microsoft_forms_involvement.xlsx", "involvement")
    assert prepared.review.unknown == [] and prepared.review.ignored == ["Which events have you been to?"]
    assert "Which events have you been to?" in prepared.unmatched  # still listed, never silently dropped


@pytest.mark.parametrize(
    "text, expected",
    [
        ("15 yrs", (15, "12-16")),
        ("Aged 14", (14, "12-16")),
        ("twenty one", (21, "20-25")),
        ("14,0", (14, "12-16")),
        ("11 – 15", (None, "11-15")),
        ("Under 5", (None, "0-4")),
        ("I'd rather not say", (None, "Prefer not to say")),
        ("Don't know", (None, None)),
    ],
)
def test_ages_as_people_write_them(text, expected):
    assert parse_age(text) == expected


def test_names_after_introductions_and_titles_are_removed_but_ordinary_words_stay():
    assert redact_free_text("My name is Ellie Jones") == "My name is [name removed]"
    assert redact_free_text("Thank you for listening to me") == "Thank you for listening to me"
    assert redact_free_text("Dr Patel and my son Tom") == "[name removed] and my son [name removed]"
    assert redact_free_text("Alex was kind", names=["Alex Brown", "Alex"]) == "[name removed] was kind"
