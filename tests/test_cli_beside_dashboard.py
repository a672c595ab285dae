"""The command line works while people view the dashboard, and their next rerun shows what it loaded."""

import os
import re
import shutil
import subprocess
import sys

from playwright.sync_api import expect

from tests.browser import ROOT, running_dashboard, wait_for_app
from tests.conftest import DATA


def cli(database, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "SEND_IMPACT_DB": str(database)}
    return subprocess.run([sys.executable, "-m", "pipelines", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_a_command_line_load_while_the_dashboard_is_open_shows_after_a_rerun(sample_db_path, browser, tmp_path):
    # Its own server: this test adds a load, which the shared dashboard's other tests must not see.
    database = tmp_path / "impact.duckdb"
    shutil.copy(sample_db_path, database)
    with running_dashboard(database, SEND_IMPACT_LOCAL_ROLE="officer") as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        try:
            page.goto(url)
            page.get_by_role("link", name="Upload").click()
            wait_for_app(page)
            history = page.get_by_test_id("stDataFrame").first
            expect(history).to_contain_text("dfe_caseload.csv")  # the newest load comes first
            expect(history).not_to_contain_text("surveymonkey_big_bang.csv")
            # While the page is open: a load, the history, and a backup all succeed.
            loaded = cli(database, "ingest", "--survey", "big_bang", str(DATA / "surveymonkey_big_bang.csv"))
            assert loaded.returncode == 0, loaded.stdout + loaded.stderr
            assert "Loaded 5 responses from surveymonkey_big_bang.csv" in loaded.stdout
            assert "surveymonkey_big_bang.csv" in cli(database, "history").stdout
            assert cli(database, "backup", str(tmp_path / "backup.duckdb")).returncode == 0
            page.get_by_role("link", name="Upload").click()  # the next rerun
            wait_for_app(page)
            expect(page.get_by_test_id("stDataFrame").first).to_contain_text("surveymonkey_big_bang.csv")
            expect(page.get_by_text(re.compile("Loads and removals are recorded as"))).to_be_visible()
        finally:
            context.close()
