"""A real `streamlit run` opened in headless Debian Chromium, as a board member would see it."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium tries Google's hosts at start-up and this closed network refuses them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory, sample_db_path):
    """Start the real app on a free port against a copy of the sample database; yield its address."""
    port = free_port()
    database = tmp_path_factory.mktemp("browser") / "impact.duckdb"
    database.write_bytes(sample_db_path.read_bytes())
    env = {**os.environ, "SEND_IMPACT_DB": str(database)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail("streamlit did not start: " + server.stderr.read().decode()[-2000:])
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def page(dashboard):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        yield tab
        browser.close()


def test_home_tiles_show_numbers_in_a_real_browser(dashboard, page):
    page.goto(dashboard)
    tiles = page.get_by_test_id("stMetricValue")
    expect(tiles).to_have_count(4, timeout=30_000)
    values = tiles.all_inner_texts()
    assert re.fullmatch(r"[\d,]+|c", values[0]), values
    assert re.fullmatch(r"\d+%", values[1]), values
    assert re.fullmatch(r"\d+ of \d+", values[3]), values
    expect(page.get_by_text("Base: n=")).to_be_visible()
