"""The Upload page in a real browser against `streamlit run`: upload a file, load it, see it, remove it."""

import re

from playwright.sync_api import expect

from tests.conftest import DATA


def wait_for_streamlit(tab) -> None:
    """Wait until Streamlit has finished running the page after an interaction."""
    tab.wait_for_timeout(500)
    tab.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)


def test_upload_preview_confirm_and_remove_in_a_real_browser(dashboard, page):
    page.goto(dashboard)
    page.get_by_role("link", name="Upload").click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(DATA / "surveymonkey_big_bang.csv"))
    expect(page.get_by_text("Read 7 rows from a SurveyMonkey export with two header rows")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text("5 new responses ready to load")).to_be_visible()
    page.get_by_role("button", name="Load 5 responses").click()
    expect(page.get_by_text(re.compile(r"Loaded 5 responses from surveymonkey_big_bang\.csv"))).to_be_visible(
        timeout=30_000
    )
    history = page.get_by_test_id("stDataFrame").first
    expect(history).to_contain_text("surveymonkey_big_bang.csv")
    page.get_by_test_id("stSelectbox").filter(has_text="Remove a survey load").click()
    page.get_by_role("option", name=re.compile("surveymonkey_big_bang.csv")).click()
    expect(page.get_by_text(re.compile(r"This deletes the 5 responses and 24 answers"))).to_be_visible()
    page.get_by_text(re.compile(r"^Yes, remove load")).click()
    wait_for_streamlit(page)
    page.get_by_role("button", name="Remove this load").click()
    expect(page.get_by_text(re.compile(r"Removed load \d+: 5 responses and their answers"))).to_be_visible(
        timeout=30_000
    )
