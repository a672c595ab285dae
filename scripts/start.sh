#!/usr/bin/env bash
# Make (once) a virtual environment in .venv, install the dashboard's packages into it, and start it. Works with
# Debian's or Ubuntu's own Python (which refuses installs outside a virtual environment) and any Python 3.11+.
# On first start the app builds data/impact.duckdb from the shipped sample exports, so every page has numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "Python 3.11 or later is needed: on Debian or Ubuntu, install it with 'apt install python3 python3-venv'."
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "SEND Impact Monitor needs Python 3.11 or later; $PYTHON is $("$PYTHON" --version 2>&1)."
  exit 1
fi
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  rm -rf .venv
  if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    echo "Python cannot make a virtual environment here: install its venv module with 'apt install python3-venv' (as root or with sudo), then run this again."
    exit 1
  fi
fi
# Install only when requirements.txt has changed since the last install, so later starts take seconds.
if ! cmp -s requirements.txt .venv/installed-requirements.txt; then
  echo "Installing the dashboard's packages into .venv (the first time takes about a minute)..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  cp requirements.txt .venv/installed-requirements.txt
fi
exec .venv/bin/python -m streamlit run app.py "$@"
