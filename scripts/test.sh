#!/usr/bin/env bash
# Install the test dependencies (Python packages, and Debian's Chromium for the browser tests), lint, and
# run every test. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
if [ ! -x /usr/bin/chromium ]; then
  # Playwright cannot download its own browser here; the tests drive Debian's Chromium instead.
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
if ! command -v pdftotext >/dev/null; then
  # The board pack tests read the PDF's text (pdftotext) and render its pages (pdftoppm): poppler, tests only.
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq poppler-utils >/dev/null
fi
python3 -m ruff check .
python3 -m pytest "$@"
