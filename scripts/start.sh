#!/usr/bin/env bash
# Install the dashboard's packages and start it. On first start it builds data/impact.duckdb from the
# shipped sample exports, so every page has numbers to show.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt
exec python3 -m streamlit run app.py "$@"
