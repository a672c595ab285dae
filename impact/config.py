"""Paths, thresholds and defaults in one place; the database path comes from the environment."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SAMPLES_DIR = DATA_DIR / "samples"
EXPECTATIONS_DIR = ROOT / "expectations"
MAPPINGS_DIR = ROOT / "pipelines" / "mappings"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "store" / "migrations"
# The cell-key perturbation table (scripts/make_perturbation_table.py writes it; docs/security.md explains it).
PERTURBATION_TABLE = Path(__file__).resolve().parent / "domain" / "perturbation_table.csv"

DEFAULT_DB_PATH = DATA_DIR / "impact.duckdb"

# Small-number rules (domain.md): counts of 1..SUPPRESS_BELOW-1 show as "c";
# no percentage on a base under MIN_BASE_FOR_PERCENT.
SUPPRESS_BELOW = int(os.environ.get("SEND_IMPACT_SUPPRESS_BELOW", "5"))
MIN_BASE_FOR_PERCENT = int(os.environ.get("SEND_IMPACT_MIN_BASE", "10"))
SUPPRESSED = "c"

# Responses and activities older than this are removed by `python -m pipelines retention`.
RETENTION_MONTHS = int(os.environ.get("SEND_IMPACT_RETENTION_MONTHS", "72"))

# Files larger than this are refused, on the Upload page (as Streamlit's server.maxUploadSize) and the command line.
MAX_UPLOAD_MB = int(os.environ.get("SEND_IMPACT_MAX_UPLOAD_MB", "20"))
# A file that is not what it claims is refused before it is parsed: no survey export comes near these.
MAX_COLUMNS = 1_000
MAX_LINE_BYTES = 1_000_000  # one line of a CSV file
# Values in the whole file (about 120,000 responses of 16 columns). The command line takes larger files with
# `ingest --max-mb N --max-cells N`, for that run only, so the Upload page keeps the safe default.
MAX_CELLS = int(os.environ.get("SEND_IMPACT_MAX_CELLS", "2000000"))
MAX_UNZIPPED_MB = 10 * MAX_UPLOAD_MB  # what an Excel workbook may expand to

SURVEYS = {
    "big_bang": "Big Bang survey (young people)",
    "involvement": "Annual SEND involvement survey",
    "local_offer": "Local Offer feedback",
}

# The area's own name, which surveys put inside questions ("Which area of Portsmouth do you live in?"): set aside when
# matching wordings (pipelines/wording.py). The sample data's area by default.
AREA_NAME_DEFAULT = "Portsmouth"

AGE_BANDS = ["0-4", "5-11", "12-16", "17-19", "20-25"]
TARGET_AGE_BAND = "12-16"
PREFER_NOT_TO_SAY = "Prefer not to say"
WORKSTREAMS = {
    "A1": "Inclusion",
    "A2": "SEN Support outcomes",
    "A3": "Reducing exclusions and absence",
    "A4": "Social, emotional and mental health",
    "A5": "Preparing for adulthood",
    "A6": "Autism and neurodiversity",
    "B1": "Needs assessment, data and performance",
    "B2": "Joint commissioning",
    "B3": "Participation and co-production: parents and carers",
    "B4": "Participation and co-production: children and young people",
    "B5": "Information, advice and guidance",
    "B6": "Workforce development",
}


def database_path() -> Path:
    """Return the configured database path (SEND_IMPACT_DB, else data/impact.duckdb)."""
    return Path(os.environ.get("SEND_IMPACT_DB", str(DEFAULT_DB_PATH)))


def area_name() -> str:
    """Return the configured area name (SEND_IMPACT_AREA_NAME, else the sample data's area)."""
    return os.environ.get("SEND_IMPACT_AREA_NAME", AREA_NAME_DEFAULT)
