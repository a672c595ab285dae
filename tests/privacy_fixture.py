"""A small database with rare combinations a curious reader might try to single out, built through the real pipeline.

Big Bang survey 2025-26, young people only (counted by hand):
- North, aged 14, Autism, EHC plan: 20 (14 feel listened to, 6 do not)
- North, aged 14, PMLD, EHC plan: 3 (none feel listened to)           <- 3 young people with PMLD in one locality
- South, aged 13, Autism, SEN Support: 15 (10 do, 5 do not)
- Central, aged 15, Autism, EHC plan: 11 (8 do, 3 do not)              <- Central: 12 respondents, 11 with Autism
- Central, aged 15, SEMH, EHC plan: 1 (does not)
- North, aged 18, Autism, EHC plan: 10 (6 do, 4 do not)
- South, aged 18, SEMH, SEN Support: 8 (4 do, 4 do not)
All in November 2025 (2025-26 Q3) except 3 of the South 13-year-olds, who answered in May 2025 (2025-26 Q1).
So young people aged 12-16: 50 in 2025-26 (3 in Q1, 47 in Q3); aged 17-19: 18.

Local Offer feedback, 2025-26 Q1: 20 parent carers and 3 professionals on the Health section, every comment
"Could not find ..." (the theme "Could not find what they needed"); parent carers rate it 4, professionals 2.

Activities, workstream B4, young people aged 12-16 at the youth forum: 12 in 2025-26 Q1, 3 in Q2, 10 in Q3;
parent carers' forum (B3): 9 in Q1.

Actions and action updates: the small hand-counted plan files in tests/data.
"""

import csv
import io
from pathlib import Path

from impact.domain.themes import theme_patterns, theme_rules
from impact.store import cells, db
from pipelines.ingest import ingest

DATA = Path(__file__).parent / "data"
# (locality, age, need, support, how many, of whom feel listened to, date)
YOUNG_PEOPLE = [
    ("North", 14, "Autism", "EHC plan", 20, 14, "12/11/2025 10:00"),
    ("North", 14, "PMLD", "EHC plan", 3, 0, "12/11/2025 11:00"),
    ("South", 13, "Autism", "SEN Support", 12, 8, "13/11/2025 10:00"),
    ("South", 13, "Autism", "SEN Support", 3, 2, "14/05/2025 10:00"),
    ("Central", 15, "Autism", "EHC plan", 11, 8, "14/11/2025 10:00"),
    ("Central", 15, "SEMH", "EHC plan", 1, 0, "14/11/2025 11:00"),
    ("North", 18, "Autism", "EHC plan", 10, 6, "15/11/2025 10:00"),
    ("South", 18, "SEMH", "SEN Support", 8, 4, "15/11/2025 11:00"),
]
BIG_BANG_HEADERS = [
    "Response ID",
    "Date submitted",
    "How old are you?",
    "Which area do you live in?",
    "What is your main need?",
    "What support do you get?",
    "I feel listened to",
]
LOCAL_OFFER_HEADERS = ["Feedback ID", "Date", "I am a...", "Section", "How useful was this page?", "Comment"]
ACTIVITY_HEADERS = [
    "Activity ID", "Date", "Activity", "Type", "Ladder level", "Workstream", "Who took part", "Age band",
    "Number attending",
]  # fmt: skip
ACTIVITIES = [
    ("P-1", "10/05/2025", "Youth forum", "Forum", "Co-production", "B4", "Young person", "12-16", 12),
    ("P-2", "10/08/2025", "Youth forum", "Forum", "Co-production", "B4", "Young person", "12-16", 3),
    ("P-3", "10/11/2025", "Youth forum", "Forum", "Co-production", "B4", "Young person", "12-16", 10),
    ("P-4", "12/05/2025", "Parent carer forum", "Forum", "Co-production", "B3", "Parent carer", "All ages", 9),
]


def _csv(headers: list[str], rows: list[list]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headers)
    writer.writerows(rows)
    return text.getvalue().encode()


def big_bang() -> bytes:
    """Return the Big Bang export described above."""
    rows, number = [], 0
    for locality, age, need, support, many, listened, when in YOUNG_PEOPLE:
        for i in range(many):
            number += 1
            answer = "Agree" if i < listened else "Disagree"
            rows.append([f"P-{number:03d}", when, age, locality, need, support, answer])
    return _csv(BIG_BANG_HEADERS, rows)


def local_offer() -> bytes:
    """Return the Local Offer feedback described above."""
    parent, professional = (
        ["Parent carer", "Health", 4, "Could not find the form."],
        ["Professional", "Health", 2, "Could not find it."],
    )
    rows = [[f"L-{i:02d}", "10/05/2025 10:00", *parent] for i in range(20)]
    rows += [[f"L-{i:02d}", "11/05/2025 10:00", *professional] for i in range(20, 23)]
    return _csv(LOCAL_OFFER_HEADERS, rows)


def activities() -> bytes:
    """Return the participation activities described above."""
    return _csv(ACTIVITY_HEADERS, [list(row) for row in ACTIVITIES])


def build_privacy_db(path: Path) -> Path:
    """Load the files above into a new database at `path` and return the path."""
    con = db.connect(path)
    files = [
        ("big_bang", "big_bang_2025-26.csv", big_bang()),
        ("local_offer", "local_offer_2025-26.csv", local_offer()),
        ("activities", "activities.csv", activities()),
        ("baseline", "baseline_small.csv", (DATA / "baseline_small.csv").read_bytes()),
        ("actions", "actions_small.csv", (DATA / "actions_small.csv").read_bytes()),
        ("action_updates", "action_updates_small.csv", (DATA / "action_updates_small.csv").read_bytes()),
    ]
    try:
        for kind, name, content in files:
            result = ingest(con, content, name, kind, loaded_by="test")
            assert result.status == "loaded", (name, result.message, [p.sentence() for p in result.prepared.problems])
        # Record keys are drawn at random on load; here they are fixed, so every run publishes the same values and
        # the tests check one known outcome (which cells are 0, "c" or shown) rather than a new draw each time.
        for table, row in [
            ("responses", "response_id"),
            ("activity_attendance", "rowid"),
            ("population_baseline", "rowid"),
        ]:
            con.execute(f"update {table} set record_key = (hash({row}::varchar || '{table}') % 256)::utinyint")
        cells.code_themes(con, theme_patterns(theme_rules()))  # as the app does on start
        cells.rebuild(con)  # the counted cells carry the record keys' sums
        con.execute("checkpoint")
    finally:
        con.close()
    return path
