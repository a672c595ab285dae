"""The shipped sample data: regenerated identically from its seed, and telling the story the board will see."""

import subprocess
import sys

import duckdb
import pytest

from impact import config
from pipelines.samples import build_sample_database


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


def _sample_folder(folder, broken: str | None = None):
    """A small sample folder: the action plan, six Local Offer quarters (validated as a run), the DfE file."""
    folder.mkdir()
    names = ["actions.csv", "dfe_caseload.csv", *sorted(p.name for p in config.SAMPLES_DIR.glob("local_offer_*"))[:6]]
    for name in names:
        text = (config.SAMPLES_DIR / name).read_text()
        if name == broken:  # "I am a..." answered with something no rule accepts, in the file's fourth response
            lines = text.splitlines(keepends=True)
            cells = lines[4].split(",")
            cells[2] = "Martian"
            lines[4] = ",".join(cells)
            text = "".join(lines)
        (folder / name).write_text(text)
    return folder


def test_sample_build_validates_every_file(tmp_path):
    build_sample_database(tmp_path / "good.duckdb", _sample_folder(tmp_path / "good"))
    con = duckdb.connect(str(tmp_path / "good.duckdb"))
    assert con.execute("select count(*) from uploads where kind = 'local_offer'").fetchone()[0] == 6


def test_sample_build_names_the_file_great_expectations_rejects_and_leaves_nothing(tmp_path):
    """The files are validated together in another process; a bad one among good ones is still named, with its
    own rows, and no database appears."""
    broken = sorted(p.name for p in config.SAMPLES_DIR.glob("local_offer_*"))[3]
    folder = _sample_folder(tmp_path / "samples", broken)
    with pytest.raises(RuntimeError) as raised:
        build_sample_database(tmp_path / "impact.duckdb", folder)
    message = str(raised.value)
    assert f"Sample file {broken} did not load" in message
    assert "respondent type" in message and "row 5" in message and "'Martian'" in message
    assert not (tmp_path / "impact.duckdb").exists()
    assert not list(tmp_path.glob("impact.duckdb*"))
