"""The Upload page as the participation officer uses it (Streamlit AppTest): upload, preview, confirm, remove."""

from getpass import getuser

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.ingest import ingest
from tests.conftest import DATA

MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@pytest.fixture
def upload_page(empty_db_path, monkeypatch):
    """The Upload page on an empty database, in local mode as an officer (who: the OS user, never typed)."""
    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    at.switch_page("pages/upload.py")
    at.run()
    return at


def upload(at: AppTest, name: str) -> AppTest:
    at.file_uploader[0].set_value((name, (DATA / name).read_bytes(), MIME[name.rsplit(".", 1)[1]]))
    return at.run()


def button(at: AppTest, starts: str):
    return next(b for b in at.button if b.label.startswith(starts))


def texts(elements) -> str:
    return " ".join(e.value for e in elements).replace("\\", "")


def test_officer_uploads_previews_loads_and_removes_a_surveymonkey_export(upload_page, empty_db_path):
    at = upload(upload_page, "surveymonkey_big_bang.csv")
    assert not at.exception, at.exception
    assert at.selectbox[0].value == "big_bang"  # detected from the questions
    assert "Read 7 rows from a SurveyMonkey export with two header rows" in texts(at.info)
    assert "Dates were read as month/day/year" in texts(at.caption)
    preview = at.dataframe[1].value
    left_out = "No: test or repeat"
    assert preview["Will load"].tolist() == ["Yes", "Yes", "Yes", "Yes", left_out, left_out, "Yes"]
    assert "[name removed]" in " ".join(preview["Anything else you want to tell us?"])
    assert "Email Address" not in preview.columns and "sam.smith" not in preview.to_string()
    assert "Every row passed the checks" in texts(at.success)
    button(at, "Load 5 responses").click()
    at.run()
    assert "Loaded 5 responses from surveymonkey_big_bang.csv" in texts(at.success)
    history = at.dataframe[0].value
    assert history[["File", "By", "Loaded", "Left out"]].values.tolist() == [
        ["surveymonkey_big_bang.csv", f"{getuser()} (local mode)", 5, 2]
    ]
    remove = next(s for s in at.selectbox if s.label == "Remove a survey load")
    remove.select(1)
    at.run()
    assert "This deletes the 5 responses and 24 answers that load 1 added" in texts(at.warning)
    assert button(at, "Remove this load").disabled  # not until confirmed
    at.checkbox[0].check()
    at.run()
    button(at, "Remove this load").click()
    at.run()
    assert "Removed load 1: 5 responses and their answers." in texts(at.success)
    assert "Nothing has been loaded yet." in texts(at.info)


def test_rows_with_problems_wait_for_the_officers_choice(upload_page):
    at = upload(upload_page, "microsoft_forms_involvement.xlsx")
    assert "2 rows broke a rule" in texts(at.warning)
    problems = at.dataframe[2].value
    assert problems[["Column", "Which rows", "Examples"]].values.tolist() == [
        ["age", "4", "31"],
        ["area", "5", "Westside"],
    ]
    assert button(at, "Load 4 responses").disabled
    at.radio[0].set_value("nothing")
    at.run()
    assert button(at, "Load 4 responses").disabled
    at.radio[0].set_value("good")
    at.run()
    button(at, "Load 4 responses").click()
    at.run()
    assert "Loaded 4 responses" in texts(at.success) and "2 rows with problems were left out" in texts(at.success)
    at.switch_page("pages/home.py")
    at.run()
    assert not at.exception and at.metric[0].label == "Responses this quarter"  # the dashboard has data now


def test_a_new_question_is_mapped_once_and_then_recognised(upload_page):
    at = upload(upload_page, "excel_big_bang.xlsx")
    mapping = next(s for s in at.selectbox if s.label == "Do you feel safe at school?")
    mapping.set_value("new:yesno")
    button(at, "Save these choices").click()
    at.run()
    assert not at.exception, at.exception
    columns = at.dataframe[0].value
    row = columns[columns["Column in the file"] == "Do you feel safe at school?"]
    assert row[["Stored as", "Why"]].values.tolist() == [["Do you feel safe at school?", "your saved choice"]]
    assert "Do you feel safe at school?" in at.dataframe[1].value.columns  # in the preview now
    assert not any(s.label == "Do you feel safe at school?" for s in at.selectbox)


def test_an_unreadable_file_says_which_row_and_offers_nothing_to_load(upload_page):
    at = upload(upload_page, "mixed_encoding.csv")
    assert "row 4 contains a character that is not valid UTF-8 text" in texts(at.error)
    assert "Nothing from this file has been saved" in texts(at.error)
    assert not any(b.label.startswith("Load") for b in at.button)


def test_a_file_for_another_survey_is_refused_with_the_right_survey_named(upload_page):
    at = upload(upload_page, "smartsurvey_local_offer.csv")
    at.selectbox[0].set_value("big_bang")
    at.run()
    assert "It looks like a Local Offer feedback export: choose that survey instead." in texts(at.error)
    assert not any(b.label.startswith("Load") for b in at.button)


def test_a_file_loaded_before_loads_nothing_and_says_so(upload_page, empty_db_path):
    con = duckdb.connect(str(empty_db_path))
    ingest(con, (DATA / "google_forms_involvement.csv").read_bytes(), "google.csv", "involvement", "Sam")
    con.close()
    at = upload(upload_page, "google_forms_involvement.csv")
    assert "This exact file was already loaded (load 1" in texts(at.warning)
    assert not any(b.label.startswith("Load") for b in at.button)


def test_who_loads_is_never_typed_in(empty_db_path, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    at.switch_page("pages/upload.py")
    at.run()
    at = upload(at, "smartsurvey_local_offer.csv")
    # No name box (the only text box is the wave's name): who comes from sign-in, or the OS user in local mode.
    assert [box.label for box in at.text_input if "name" in box.label.lower() and "wave" not in box.label.lower()] == []
    assert f"Loads and removals are recorded as {getuser()} (local mode)." in texts(at.caption)
    assert not button(at, "Load 4 responses").disabled
