"""A tiny database built through the real pipelines from hand-counted files in tests/data.

What is in it, counted by hand (see the files for every row):
- involvement_2024-25.csv (5 responses) and involvement_2025-26.csv (6 responses), all in Q4.
  "I feel listened to": 2024-25 3 positive of 4 answers (one "Don't know" out of the base);
  2025-26 4 positive of 5 (one "Prefer not to say" out). Young people only: 1 of 1, then 1 of 2.
  Aged 12-16 only: 1 of 2, then 2 of 3 (the age given as the band 11-15 is not 12-16).
  "Equal partner" (workstream B3 only): 3 of 4, then 4 of 5.
- local_offer_small.csv: 2025-26 Q1 3 pieces of feedback, Q2 3 (one unrated); Health 2 of 3 useful, Leisure 1 of 2.
- activities_small.csv: young people aged 12-16 attended 12 in 2025-26 Q1 (B4) and 7 in Q3 (B4).
- baseline_small.csv: January 2025 and 2026, 5-11 and 12-16 in North and South.

These tests check how things are counted, so the database publishes true counts: its perturbation table adds no
noise (`without_noise`). What viewers see with the real table is tested in tests/test_disclosure_attacks.py and
tests/test_perturbation.py.
"""

from pathlib import Path

from impact.store import db, perturbation
from pipelines.ingest import ingest

DATA = Path(__file__).parent / "data"
FILES = [
    ("baseline", "baseline_small.csv"),
    ("activities", "activities_small.csv"),
    ("involvement", "involvement_2024-25.csv"),
    ("involvement", "involvement_2025-26.csv"),
    ("local_offer", "local_offer_small.csv"),
]


def build_hand_counted_db(path: Path) -> Path:
    """Load the hand-counted files into a new database at `path` and return the path."""
    con = db.connect(path)
    try:
        for kind, name in FILES:
            result = ingest(con, (DATA / name).read_bytes(), name, kind, loaded_by="test")
            assert result.status == "loaded", result.message
        without_noise(con)
        con.execute("checkpoint")
    finally:
        con.close()
    return path


def without_noise(con) -> None:
    """Give the database a perturbation table that publishes every count as it is (one zero row per cell key)."""
    perturbation.replace_table(con, [(0, key, 0) for key in range(256)])
