"""A real `streamlit run` opened in headless Debian Chromium, as a board member would see it."""

import re
import shutil

from playwright.sync_api import expect

from tests.browser import running_dashboard, wait_for_app


def test_home_tiles_show_numbers_in_a_real_browser(dashboard, page):
    page.goto(dashboard)
    tiles = page.get_by_test_id("stMetricValue")
    expect(tiles).to_have_count(4, timeout=30_000)
    values = tiles.all_inner_texts()
    assert re.fullmatch(r"[\d,]+|c", values[0]), values
    assert re.fullmatch(r"\d+%", values[1]), values
    assert re.fullmatch(r"\d+ of \d+", values[3]), values
    expect(page.get_by_text("Base: n=")).to_be_visible()


def test_opening_a_page_first_on_a_fresh_server_still_goes_through_sign_in_and_roles(page, sample_db_path, tmp_path):
    # A fresh server: Streamlit would run pages/upload.py on its own, skipping app.py's role check.
    database = tmp_path / "impact.duckdb"
    shutil.copy(sample_db_path, database)
    tab = page
    with running_dashboard(database, SEND_IMPACT_LOCAL_ROLE="viewer") as url:
        tab.goto(f"{url}/upload")
        wait_for_app(tab)
        expect(tab.get_by_text("Local mode")).to_be_visible(timeout=30_000)
        sidebar = tab.get_by_test_id("stSidebar").inner_text()
        assert "Home" in sidebar and "Upload" not in sidebar and "app" not in sidebar.split()
        assert tab.get_by_test_id("stFileUploaderDropzoneInput").count() == 0
