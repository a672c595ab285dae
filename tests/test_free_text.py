"""Respondents' own words reach officers only: viewers see themes and counts. Nothing from a file is shown as HTML."""

import json
import re
from pathlib import Path

import duckdb
import pytest

from impact import config
from impact.store import db
from pipelines.ingest import ingest
from tests.conftest import DATA
from tests.test_app_pages import open_page

ROOT = Path(__file__).resolve().parent.parent
VIEWER_PAGES = ["pages/home.py", "pages/impact.py", "pages/reach.py", "pages/action_plan.py", "pages/quality.py"]
UNSAFE = re.compile(r"unsafe_allow_html\s*=\s*True|\bst\.html\(|components\.v1|components\.html|st\.components")


def respondents_words(path) -> set[str]:
    """Every answer respondents wrote in their own words (free-text questions), as stored (already redacted), but
    not what staff wrote the same way: a "you said" theme may quote a comment word for word, and may be shown."""
    with duckdb.connect(str(path)) as con:
        rows = con.execute(
            """select distinct a.answer_text from answers a
            join questions q on q.survey = a.survey and q.question_id = a.question_id
            where q.scale = 'text' and length(a.answer_text) >= 15
            except (select theme from feedback_entries union select response from feedback_entries
                    union select note from action_updates union select what_changed from activities)"""
        ).fetchall()
    return {row[0] for row in rows}


def everything_shown(at, downloads: list[str]) -> str:
    """Return all the text a page shows: words, tables, metrics, charts (with hovers) and its CSV downloads."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "text"):
        parts += [element.value for element in getattr(at, kind)]
    parts += [f"{m.label} {m.value} {m.help or ''}" for m in at.metric]
    parts += [e.label for e in at.expander]
    parts += [d.value.to_csv() for d in at.dataframe] + [t.value.to_csv() for t in at.table]
    parts += [chart.proto.spec for chart in at.get("plotly_chart")]
    return "\n".join(parts + downloads)


@pytest.fixture
def downloads(monkeypatch):
    """Every CSV a page offers for download, as text."""
    import impact.domain.downloads
    import impact.views.chart_block

    kept, original = [], impact.domain.downloads.csv_bytes

    def keep(frame):
        content = original(frame)
        kept.append(content.decode("utf-8-sig"))
        return content

    monkeypatch.setattr(impact.domain.downloads, "csv_bytes", keep)
    monkeypatch.setattr(impact.views.chart_block, "csv_bytes", keep)
    return kept


def test_a_viewer_never_sees_a_respondents_words_on_any_page(sample_db_path, monkeypatch, downloads):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_path))
    monkeypatch.setenv("SEND_IMPACT_LOCAL_ROLE", "viewer")
    words = respondents_words(sample_db_path)
    assert len(words) > 20  # the sample surveys and Local Offer feedback carry comments
    for page in VIEWER_PAGES:
        at = open_page(page)
        assert not at.exception, (page, at.exception)
        shown = everything_shown(at, downloads)
        leaked = [w for w in words if w in shown]
        assert not leaked, (page, leaked[:3])
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # the Upload page is not theirs
        open_page("pages/upload.py")


def test_an_officer_reads_comments_only_where_files_are_checked(empty_db_path, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))
    monkeypatch.setenv("SEND_IMPACT_LOCAL_ROLE", "officer")
    at = open_page("pages/upload.py")
    at.file_uploader[0].set_value(("big_bang_small.csv", (DATA / "big_bang_small.csv").read_bytes(), "text/csv"))
    at.run()
    assert not at.exception
    preview = at.dataframe[1].value
    comments = " ".join(preview["Anything else you want to tell us?"].dropna())
    assert "Email me at" in comments and "sam@example.org" not in comments  # redacted before anyone sees it


# The one exception: the accessibility stylesheet (focus outlines, caption contrast, wrapping tables), which the
# theme cannot set. It is a constant .css file passed as a Path, so no data can ever reach it (docs/accessibility.md).
STYLESHEET_LINE = ("impact/views/page_style.py", "st.html(STYLESHEET)")


def test_no_page_renders_html_it_did_not_write():
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "impact").rglob("*.py"))]
    assert len(files) > 30
    found = [(str(f.relative_to(ROOT)), line.strip()) for f in files for line in f.read_text().splitlines()
             if UNSAFE.search(line)]  # fmt: skip
    assert found == [STYLESHEET_LINE], found


def test_the_one_stylesheet_is_a_constant_file_with_no_markup_or_script():
    from impact.views import page_style

    assert page_style.STYLESHEET.suffix == ".css" and page_style.STYLESHEET.parent == ROOT / "impact" / "views"
    css = page_style.STYLESHEET.read_text()
    assert "<" not in css and "{{" not in css and "url(" not in css and "@import" not in css


def test_a_local_offer_section_written_as_a_link_is_shown_as_text_not_followed(tmp_path, monkeypatch):
    link = "<a href=https://example.org/x>Health</a>"
    rows = [f"LO-{i},05/05/2025 10:00,Parent carer,{link},4,Yes," for i in range(12)]
    content = ("Feedback ID,Date,I am a...,Section,How useful was this page?,Did you find what you were looking for?,"
               "Comment\n" + "\n".join(rows) + "\n").encode()  # fmt: skip
    path = tmp_path / "impact.duckdb"
    con = db.connect(path)
    result = ingest(con, content, "local_offer.csv", "local_offer", loaded_by="test")
    assert result.status == "loaded", result.message
    con.close()
    monkeypatch.setenv("SEND_IMPACT_DB", str(path))
    monkeypatch.setenv("SEND_IMPACT_LOCAL_ROLE", "viewer")
    at = open_page("pages/impact.py")
    assert not at.exception
    heatmap = next(
        t for c in at.get("plotly_chart") for t in json.loads(c.proto.spec)["data"] if t["type"] == "heatmap"
    )
    assert heatmap["y"] == ["&lt;a href=https://example.org/x&gt;Health&lt;/a&gt;"]
    assert config.SUPPRESSED  # the page ran with the small-number rules in place
