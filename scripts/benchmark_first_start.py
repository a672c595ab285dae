"""Time a newcomer's first start: from `streamlit run` (packages installed, no database yet) to the first number on
Home in a real browser, which includes building the sample database. Figures, not a test (docs/performance.md).

    python scripts/benchmark_first_start.py --runs 3

Each run copies the committed files (git archive) to a temporary folder, so the database is built from nothing
exactly as on a fresh clone, and drives Debian's Chromium with Playwright.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PORT = "8597"


def fresh_copy(folder: Path) -> Path:
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def first_number(repo: Path) -> float:
    """Seconds from starting the server to the first headline number on Home."""
    env = {key: value for key, value in os.environ.items() if key != "SEND_IMPACT_DB"}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", PORT, "--server.headless", "true"]
    started = time.monotonic()
    server = subprocess.Popen(command, cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page()
            while True:
                try:
                    page.goto(f"http://localhost:{PORT}", timeout=2000)
                    break
                except Exception:  # the server is not listening yet
                    time.sleep(0.2)
            page.wait_for_selector('[data-testid="stMetricValue"]', timeout=180_000)
            browser.close()
        return time.monotonic() - started
    finally:
        server.terminate()
        server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="impact-first-start-") as folder:
            times.append(first_number(fresh_copy(Path(folder))))
        print(f"run {run + 1}: first number on Home after {times[-1]:.1f} s", flush=True)
    print(f"median {statistics.median(times):.1f} s, range {min(times):.1f} to {max(times):.1f} s ({args.runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
