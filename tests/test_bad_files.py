"""Files that are not what they claim are refused with one sentence naming the file and why, and load nothing.

Every bad file is made here in tmp_path (none is committed). How much memory refusing each takes is measured by
scripts/benchmark_bad_files.py, not here: a test of time or memory would fail on a busy machine, not on a bug.
"""

import io
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from impact import config
from impact.store import db
from pipelines.__main__ import main
from pipelines.read import UnreadableFile, read_path, read_table
from tests.conftest import DATA

MB = 1024 * 1024
UTF16_TEXT = "Response ID,How old are you?,Which area do you live in?\nT-1,14,North\n"


def zipped(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


BAD_FILES = {
    # name: (content, words the sentence must contain)
    "photo.csv": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "is a PNG image, not a CSV or Excel file"),
    "archive.csv": (zipped("notes.txt", b"hello"), "is a ZIP archive, not a CSV or Excel file"),
    "letter.xlsx": (zipped("word/document.xml", b"<w/>"), "is a Word document, not a CSV or Excel file"),
    "empty.csv": (b"", "is empty"),
    "blank.csv": (b"  \r\n\r\n", "is empty"),
    "utf16.csv": (UTF16_TEXT.encode("utf-16-le"), "looks like UTF-16 text saved without the mark"),
    "garbage.csv": (b"\xff\xfe" + b"\x00\xd8" * 50, "not valid UTF-16 text"),
    "binary.csv": (b"Response ID\n\x00\x01\x02\x03 binary", "is not a text file"),
    "wide.csv": (",".join(f"Q{i}" for i in range(10_000)).encode() + b"\n" + b"1," * 9_999 + b"1\n", "10,000 columns"),
}


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A database holding one good survey load, so a refused file can be seen to change nothing."""
    path = tmp_path / "impact.duckdb"
    monkeypatch.setenv("SEND_IMPACT_DB", str(path))
    assert main(["ingest", "--survey", "big_bang", str(DATA / "big_bang_small.csv")]) == 0
    return path


def counts(path) -> tuple[int, int, int]:
    con = db.connect(path)
    try:
        return tuple(
            con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("uploads", "responses", "answers")
        )
    finally:
        con.close()


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_the_command_line_refuses_a_file_that_is_not_what_it_claims(name, database, tmp_path, capsys):
    content, why = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    before = counts(database)
    capsys.readouterr()
    assert main(["ingest", "--survey", "big_bang", str(path)]) == 1
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line.startswith(f"{name} was not loaded: {name} ") and why in first_line, first_line
    assert counts(database) == before


def test_a_file_over_the_upload_limit_is_refused_before_it_is_read(database, tmp_path, capsys):
    path = tmp_path / "export.csv"
    with path.open("wb") as file:
        file.truncate((config.MAX_UPLOAD_MB + 1) * MB)  # sparse: its size is known without writing it
    before = counts(database)
    capsys.readouterr()
    assert main(["ingest", "--survey", "auto", str(path)]) == 1
    assert capsys.readouterr().out.startswith(
        f"export.csv is {config.MAX_UPLOAD_MB + 1:.1f} MB, more than the {config.MAX_UPLOAD_MB} MB limit"
    )
    assert counts(database) == before
    with pytest.raises(UnreadableFile, match="more than the 20 MB limit"):
        read_path(path)


def test_the_limit_is_configured_in_one_place_and_applies_to_pipelines_read_too(monkeypatch):
    monkeypatch.setattr(config, "MAX_UPLOAD_MB", 1)
    content = b"Response ID,Comment\n" + b"T-1,hello\n" * 200_000  # 2 MB of good rows
    with pytest.raises(UnreadableFile, match=r"^export.csv is 1.9 MB, more than the 1 MB limit"):
        read_table(content, "export.csv")


def test_one_line_of_50_mb_is_refused_without_being_parsed(monkeypatch):
    monkeypatch.setattr(config, "MAX_UPLOAD_MB", 64)  # a council that raised the limit still gets a clear refusal
    content = b"Response ID,Comment\nT-1," + b"x" * (50 * MB) + b"\n"
    with pytest.raises(UnreadableFile) as refused:
        read_table(content, "comments.csv")
    assert str(refused.value) == (
        "comments.csv could not be read: row 2 is longer than 1,000,000 characters, which no survey export is."
    )


def test_a_workbook_that_expands_beyond_the_limit_is_refused_unopened():
    bomb = zipped("xl/workbook.xml", b"\0" * ((config.MAX_UNZIPPED_MB + 1) * MB))
    with pytest.raises(UnreadableFile, match=r"^bomb.xlsx is an Excel workbook that expands to more than"):
        read_table(bomb, "bomb.xlsx")


def test_utf16_with_its_mark_is_still_read():
    table = read_table(b"\xff\xfe" + UTF16_TEXT.encode("utf-16-le"), "tab.csv")
    assert table.encoding == "UTF-16" and table.rows[1] == ["T-1", "14", "North"]


def test_the_upload_page_shows_the_sentence_and_no_traceback(empty_db_path, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    at.switch_page("pages/upload.py").run()
    content, _ = BAD_FILES["photo.csv"]
    at.file_uploader[0].set_value(("photo.csv", content, "text/csv")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "photo.csv is a PNG image, not a CSV or Excel file. Nothing from this file has been saved."
    ]
    assert counts(empty_db_path) == (0, 0, 0)
