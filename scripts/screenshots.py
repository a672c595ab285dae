"""Start the dashboard on the sample database and save a screenshot of every page to docs/screenshots/.

Usage: python scripts/screenshots.py [--db PATH] [--out DIR]   (needs Debian's chromium and playwright)
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "",
    "impact": "impact",
    "reach": "reach",
    "action_plan": "action_plan",
    "quality": "quality",
    "upload": "upload",
}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def wait_until_idle(page) -> None:
    """Wait until Streamlit has finished running the page."""
    page.wait_for_timeout(1500)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    page.wait_for_timeout(1000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "data" / "impact.duckdb"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    parser.add_argument("--height", type=int, default=1000, help="window height: taller shows more of a page")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
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
        ],
        cwd=ROOT,
        env={**os.environ, "SEND_IMPACT_DB": args.db},
        stdout=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": args.height})
            # A fresh server's first session opened on a page's own address shows Streamlit's fallback
            # navigation and layout; opening the root first lets st.navigation register the pages.
            page.goto(url)
            wait_until_idle(page)
            for name in args.pages:
                page.goto(f"{url}/{PAGES[name]}")
                wait_until_idle(page)
                page.screenshot(path=str(out / f"{name}.png"), full_page=True)
                print(out / f"{name}.png")
            browser.close()
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
