"""Start the dashboard on the sample database and save a screenshot of every page to docs/screenshots/.

Usage: python scripts/screenshots.py [--db PATH] [--out DIR] [--pages home impact ...] [--height PX]
(needs Debian's chromium and playwright, as the browser tests do)
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: reuse the browser tests' server and Chromium set-up

from tests.browser import chromium_page, running_dashboard, wait_for_app  # noqa: E402

PAGES = {"home": "", "impact": "impact", "reach": "reach", "action_plan": "action_plan", "quality": "quality",
         "upload": "upload", "scorecard": "scorecard"}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "data" / "impact.duckdb"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    parser.add_argument("--height", type=int, default=1000, help="window height: taller shows more of a page")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    # As an officer, so the Upload page is shown (local mode is a viewer by default).
    with (
        running_dashboard(Path(args.db), SEND_IMPACT_LOCAL_ROLE="officer") as url,
        chromium_page(height=args.height) as page,
    ):
        for name in args.pages:
            page.goto(f"{url}/{PAGES[name]}")
            wait_for_app(page)
            page.wait_for_timeout(1000)  # let charts finish drawing
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            print(out / f"{name}.png")


if __name__ == "__main__":
    main()
