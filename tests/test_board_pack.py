"""The SEND Board's pack for the sample data, built once from the command line, read as a board member would."""

import io
import os
import re
import shutil
import subprocess

import pytest
from docx import Document

from impact.domain import measures
from impact.queries import reach as reach_queries
from impact.queries import scorecard
from impact.queries.filters import Filters
from impact.reports import easy_read
from impact.store import db
from impact.views import takeaways
from impact.views.charts import reach as reach_charts
from pipelines.__main__ import main
from pipelines.scorecard_edits import record_edit

QUARTER = "2026-27 Q2"
COMMENTARY = "Two SEMH actions wait for CAMHS recruitment; the board is asked to escalate to the ICB in January."


def pdf_text(path, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="session")
def built(tmp_path_factory, sample_db_path):
    """The pack, its Word version and the easy read, written by `python -m pipelines board-pack` once."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (scripts/test.sh installs it)")
    folder = tmp_path_factory.mktemp("pack")
    database = folder / "impact.duckdb"
    shutil.copy(sample_db_path, database)
    con = db.connect(database)
    red = next(r for r in scorecard.scorecard_rows(con, QUARTER) if r.needs_commentary)
    record_edit(con, scorecard.scorecard_measures(con), red.measure.id, "commentary", "2026-27-Q2", COMMENTARY,
                "Performance Officer")  # fmt: skip
    con.close()
    before = os.environ.get("SEND_IMPACT_DB")
    os.environ["SEND_IMPACT_DB"] = str(database)
    try:
        code = main(["board-pack", "--quarter", "2026-27-Q2", "--out", str(folder / "pack.pdf"),
                     "--docx", str(folder / "pack.docx"), "--easy-read", str(folder / "easy.pdf")])  # fmt: skip
    finally:
        os.environ.pop("SEND_IMPACT_DB") if before is None else os.environ.update(SEND_IMPACT_DB=before)
    assert code == 0
    return {"folder": folder, "db": database, "red": red}


def test_the_pack_carries_the_figures_the_reach_page_shows_and_hides_what_it_hides(built):
    with db.connect(built["db"], read_only=True) as con:
        filters = Filters(last=scorecard.last_whole_year(QUARTER))
        responded = measures.shown_counts(reach_queries.young_people_by_age_band(con, filters), "n", "period")
        target = int(scorecard.measure_target(con, "young_people_12_16_responding"))
    sentence = takeaways.count_takeaway("young people aged 12-16 responded", measures.band_counts(responded, "12-16"),
                                        target)  # fmt: skip
    text = pdf_text(built["folder"] / "pack.pdf")
    assert sentence in flat(text)
    numbers = reach_charts.age_band_numbers(responded, "Young people who responded")
    hidden = responded[responded["hidden"]]
    assert not hidden.empty, "the sample has small cells the page hides"
    layout = pdf_text(built["folder"] / "pack.pdf", layout=True)
    for row in hidden.itertuples():
        assert re.search(rf"{row.period}\s+{re.escape(row.age_band)}\s+c\b", layout), (row.period, row.age_band)
        assert not re.search(rf"{row.period}\s+{re.escape(row.age_band)}\s+{row.n}\b", layout)
    assert len(numbers) == len(responded)


def test_a_red_measure_carries_its_commentary_and_every_page_prints(built):
    text = flat(pdf_text(built["folder"] / "pack.pdf"))
    assert COMMENTARY in text and f"Scorecard, {QUARTER}" in text
    assert "○ Red: off track" in text and "Page 1 of" in text
    images = built["folder"] / "page"
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(built["folder"] / "pack.pdf"), str(images)], check=True)
    pages = sorted(built["folder"].glob("page-*.pgm"))
    assert len(pages) >= 6
    for page in pages:
        pixels = page.read_bytes().split(b"\n", 3)[3]
        assert min(pixels) < 100, f"{page.name} is blank"


def test_the_word_version_has_the_same_headings(built):
    document = Document(io.BytesIO((built["folder"] / "pack.docx").read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    pdf = flat(pdf_text(built["folder"] / "pack.pdf"))
    assert "What improved, what slipped, what we are doing" in headings and f"Scorecard, {QUARTER}" in headings
    assert [h for h in headings if h not in pdf] == []
    assert any(COMMENTARY in cell.text for table in document.tables for row in table.rows for cell in row.cells)


def test_the_easy_read_meets_its_stated_reading_age(built):
    pages = [page.strip() for page in pdf_text(built["folder"] / "easy.pdf").split("\f") if page.strip()]
    stated = int(re.search(r"Reading age: about (\d+) years", flat(pages[-1]))[1])
    # Each page is one idea: its heading, then its sentences.
    ideas = [page.split("\n", 1) for page in pages[:-1]]
    ideas = [easy_read.Idea("talk", flat(heading), [flat(rest)]) for heading, rest in ideas]
    assert easy_read.reading_age(ideas) <= stated <= easy_read.READING_AGE_TARGET
    text = flat(" ".join(pages))
    assert "You told us" in text and "We did this" in text


def test_a_quarter_written_wrongly_or_without_data_writes_nothing(built, capsys, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(built["db"]))
    out = built["folder"] / "wrong.pdf"
    assert main(["board-pack", "--quarter", "2026 Q2", "--out", str(out)]) == 1
    assert "write it like 2026-27 Q2 or 2026-27-Q2" in capsys.readouterr().out
    assert main(["board-pack", "--quarter", "2030-31-Q1", "--out", str(out)]) == 1
    assert "No data is loaded for 2030-31 Q1" in capsys.readouterr().out
    assert not out.exists()


def test_the_scorecard_page_offers_the_pack_for_download(sample_db_copy, monkeypatch):
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from tests.test_app_pages import open_page

    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed")
    saved = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, data, mimetype, kind, filename=None):
        saved[filename] = data
        return original(self, data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_copy))
    at = open_page("pages/scorecard.py")
    assert not at.exception
    assert any("Red without a commentary" in w.value for w in at.warning)  # flagged to officers
    at.button(key="pack_build").click().run(timeout=300)
    assert not at.exception
    pdf = saved["board_pack_2026-27-Q2.pdf"]
    path = sample_db_copy.parent / "from_page.pdf"
    path.write_bytes(pdf)
    assert f"Scorecard, {QUARTER}" in flat(pdf_text(path))
    assert saved["board_pack_2026-27-Q2.docx"][:2] == b"PK"  # a Word document is a ZIP
    assert saved["you_told_us_we_did_2026-27-Q2.pdf"][:4] == b"%PDF"
