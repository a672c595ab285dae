"""The shipped sample data: regenerated identically from its seed, and telling the story the board will see."""

import subprocess
import sys

import duckdb

from impact import config


def test_generator_rewrites_the_shipped_samples_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, "scripts/generate_samples.py", str(tmp_path)], check=True, capture_output=True)
    shipped = sorted(p.name for p in config.SAMPLES_DIR.glob("*.csv"))
    assert shipped == sorted(p.name for p in tmp_path.glob("*.csv"))
    for name in shipped:
        assert (tmp_path / name).read_bytes() == (config.SAMPLES_DIR / name).read_bytes(), name


def test_sample_database_has_every_input(sample_db_path):
    con = duckdb.connect(str(sample_db_path))
    kinds = dict(con.execute("select kind, count(*) from uploads group by kind").fetchall())
    assert kinds == {
        "baseline": 1,
        "actions": 1,
        "action_updates": 1,
        "activities": 1,
        "big_bang": 3,
        "involvement": 3,
        "local_offer": 12,
        "audit": 2,
        "dfe_caseload": 1,
        "feedback_loop": 1,
    }


def test_sample_story_young_people_aged_12_to_16_rise_after_outreach(sample_db_path):
    con = duckdb.connect(str(sample_db_path))
    shares = [
        row[0]
        for row in con.execute(
            """select avg((age_band = '12-16')::int) from responses
        where survey = 'big_bang' and age_years is not null group by wave order by wave"""
        ).fetchall()
    ]
    assert len(shares) == 3 and shares[0] < shares[1] < shares[2]


def test_sample_story_one_workstream_slips_to_red(sample_db_path):
    con = duckdb.connect(str(sample_db_path))
    red = con.execute(
        """select count(*) filter (where s.rag = 'Red'), count(*) from action_status s
        join actions a using (action_code) where a.workstream = 'A4' and s.quarter = '2026-27 Q2'"""
    ).fetchone()
    assert red[0] == red[1] > 0
