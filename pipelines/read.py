"""Read an export file (CSV or XLSX) into rows of text, exactly as the survey tool wrote it."""

import codecs
import csv
import ctypes
import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from impact import config

DELIMITERS = [",", ";", "\t"]
ZIP_MAGIC = b"PK\x03\x04"
# A byte sequence that is valid UTF-8 beyond plain ASCII: evidence the file was meant as UTF-8.
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
SAVE_AS_UTF8 = "In Excel choose File > Save As > 'CSV UTF-8', then upload it again."
# What other files begin with, so one renamed .csv is named for what it is.
SIGNATURES = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old-style Office file (.xls or .doc)"),
    (b"SQLite format 3", "a database file"),
    (b"MZ", "a program"),
]
ZIP_CONTENTS = [("xl/", None), ("word/", "a Word document"), ("ppt/", "a PowerPoint file")]
# Arrow reads a CSV file in blocks; a row longer than a block is read by the csv module instead.
ARROW_BLOCK_BYTES = 4 * 1024 * 1024
MAX_FIRST_ROW = 1_000_000
# How a larger file can still be loaded, said after each size refusal.
LARGER_FILES = " (or load it with the command line's --max-mb and --max-cells)"
# A field may be as long as a line may be (the csv module's own default limit is 131,072 characters).
csv.field_size_limit(config.MAX_LINE_BYTES)


class UnreadableFile(ValueError):
    """The file as a whole cannot be read; the message says why in one sentence."""


@dataclass
class Table:
    """Every row of a file as text cells (None for blank), as a spreadsheet shows them: row 1 first.

    A CSV file whose rows all have the same number of values is read column by column (`columns`, one array of
    cells per column); `rows` gives the same cells row by row."""

    row_list: list[list[str | None]] | None
    file_type: str  # "CSV" or "Excel workbook"
    encoding: str | None = None  # e.g. "UTF-8", "Windows-1252"; None for a workbook
    delimiter: str | None = None
    sheet: str | None = None
    columns: list[np.ndarray] | None = None

    @property
    def rows(self) -> list[list[str | None]]:
        if self.row_list is None:
            self.row_list = [list(row) for row in zip(*self.columns, strict=True)] if self.columns else []
        return self.row_list

    def describe(self) -> str:
        """Return how the file was read, e.g. 'a CSV file (Windows-1252 text, separated by semicolons)'."""
        if self.file_type != "CSV":
            return f"an Excel workbook (sheet '{self.sheet}')"
        names = {",": "commas", ";": "semicolons", "\t": "tabs"}
        return f"a CSV file ({self.encoding} text, separated by {names[self.delimiter]})"


def file_sha256(content: bytes) -> str:
    """Return the SHA-256 of a file's bytes, used to recognise a file loaded before."""
    return hashlib.sha256(content).hexdigest()


def read_table(content: bytes, file_name: str) -> Table:
    """Return every row of a CSV or XLSX file as text; raise UnreadableFile with one sentence if it cannot be.

    A file that is not what it claims (binary, too large, too wide, one enormous line) is refused by looking at its
    bytes before anything parses it, so it cannot exhaust memory."""
    check_size(len(content), file_name)
    if not content or content.isspace():
        raise UnreadableFile(f"{file_name} is empty.")
    if content.startswith(ZIP_MAGIC):
        return _read_xlsx(content, file_name)
    if file_name.lower().endswith((".xls", ".xlsx", ".xlsm")) and content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            f"{file_name} is an old-style Excel (.xls) workbook: open it in Excel and save it as .xlsx or CSV UTF-8."
        )
    check_text(content, file_name)
    text, encoding = decode_text(content, file_name)
    delimiter = guess_delimiter(text)
    check_shape(text, delimiter, file_name)
    # Arrow parses UTF-8 bytes: the file's own when it was UTF-8 all along. The decoded text is let go meanwhile (a
    # large file's second copy) and decoded again only for the csv module, in the rare file Arrow cannot read.
    head = text[:MAX_FIRST_ROW]
    data = content if encoding == "UTF-8" else text.encode("utf-8")
    text = None
    if (columns := _regular_columns(head, data, delimiter)) is not None:
        return Table(None, "CSV", encoding, delimiter, columns=columns)
    text = data.decode("utf-8")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = [[_cell(value) for value in row] for row in reader]
    except csv.Error as error:  # e.g. a quoted value running on for over a million characters
        raise UnreadableFile(f"{file_name} could not be read as CSV: {error} (row {reader.line_num}).") from error
    return Table(rows, "CSV", encoding, delimiter)


def _regular_columns(head: str, data: bytes, delimiter: str) -> list[np.ndarray] | None:
    """Return the cells column by column, read by Arrow's CSV reader, when every row has as many values as the
    first (`head`, the text's beginning, holds it); None otherwise (title rows, ragged rows, blank lines), and the csv
    module reads the file row by row.

    Arrow parses a million rows in about a second where the csv module takes ten; each distinct value is trimmed
    once, and equal cells share one string, so a column of a few answers costs a pointer a row."""
    import pyarrow as pa
    from pyarrow import csv as arrow_csv

    system_memory()
    try:
        first = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), None)
    except csv.Error:
        return None
    if not first:
        return None
    irregular = []
    names = [f"f{i}" for i in range(len(first))]
    try:
        table = arrow_csv.read_csv(
            pa.py_buffer(data),
            read_options=arrow_csv.ReadOptions(column_names=names, block_size=ARROW_BLOCK_BYTES),
            parse_options=arrow_csv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=lambda row: irregular.append(row) or "skip",
            ),
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError):
        return None
    finally:
        hand_back_memory()  # what Arrow's reading threads freed
    if irregular:
        return None
    arrow_columns, columns = table.columns, []
    del table
    while arrow_columns:  # each Arrow column let go once read, so the file is not held twice over
        encoded = arrow_columns.pop(0).combine_chunks().dictionary_encode()
        values = np.array([value.strip() or None for value in encoded.dictionary.to_pylist()] + [None], dtype=object)
        columns.append(values[encoded.indices.to_numpy(zero_copy_only=False)])
    hand_back_memory()
    return columns


def system_memory() -> None:
    """Have Arrow allocate with the system allocator, which hands what is freed back to the operating system: Arrow's
    own pool (mimalloc or jemalloc) keeps it, and a million-row load would hold on to each step's peak."""
    import pyarrow as pa

    if pa.default_memory_pool().backend_name != "system":
        pa.set_memory_pool(pa.system_memory_pool())


def hand_back_memory() -> None:
    """Give the memory freed in the C heap back to the operating system now: glibc keeps it for reuse otherwise (in
    each thread's arena too), and a million-row file would hold about 500 MB it no longer uses. Nothing elsewhere."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError, TypeError):  # not glibc (macOS, Windows, musl)
        pass


def check_size(size: int, file_name: str) -> None:
    """Refuse a file over the upload limit (config.MAX_UPLOAD_MB)."""
    if size > config.MAX_UPLOAD_MB * 1024 * 1024:
        raise UnreadableFile(
            f"{file_name} is {size / 1024 / 1024:,.1f} MB, more than the {config.MAX_UPLOAD_MB} MB limit: export only "
            f"the responses you need, or split the file{LARGER_FILES}."
        )


def check_text(content: bytes, file_name: str) -> None:
    """Refuse bytes that are not text (an image, an archive, UTF-16 without its marker) or that hold a line longer
    than any survey export has."""
    for signature, what in SIGNATURES:
        if content.startswith(signature):
            raise UnreadableFile(f"{file_name} is {what}, not a CSV or Excel file.")
    head = content[:4096]
    # UTF-16 with its marker is read as such: its zero bytes are part of the text.
    if b"\x00" in head and not content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        zeros_odd, zeros_even = head[1::2].count(0), head[0::2].count(0)
        if max(zeros_odd, zeros_even) > len(head) // 4 and min(zeros_odd, zeros_even) < len(head) // 50:
            raise UnreadableFile(
                f"{file_name} looks like UTF-16 text saved without the mark that says so, which cannot be read "
                f"reliably. {SAVE_AS_UTF8}"
            )
        raise UnreadableFile(
            f"{file_name} is not a text file (it holds binary data): upload the CSV or Excel file the survey tool "
            "exported."
        )
    if (row := _long_line(content, config.MAX_LINE_BYTES)) is not None:
        raise UnreadableFile(
            f"{file_name} could not be read: row {row:,} is longer than {config.MAX_LINE_BYTES:,} characters, "
            "which no survey export is."
        )


def check_shape(text: str, delimiter: str, file_name: str) -> None:
    """Refuse a file with more columns in its first row, or more values, than any survey export has."""
    first = text[: text.find("\n")] if "\n" in text else text
    columns = len(next(csv.reader([first], delimiter=delimiter), []))
    if columns > config.MAX_COLUMNS:
        raise UnreadableFile(
            f"{file_name} has {columns:,} columns, more than the {config.MAX_COLUMNS:,} a survey export can have: "
            "check it is the right file."
        )
    if text.count(delimiter) + text.count("\n") > config.MAX_CELLS:
        raise UnreadableFile(
            f"{file_name} has more than {config.MAX_CELLS:,} values, too many to read at once: split it into "
            f"smaller files{LARGER_FILES}."
        )


def _long_line(content: bytes, limit: int) -> int | None:
    """Return the number of the first line longer than `limit` bytes, or None (lines are found, not copied)."""
    if len(content) <= limit:
        return None
    ends = np.flatnonzero(np.frombuffer(content, dtype=np.uint8) == ord("\n"))
    lengths = np.append(ends, len(content)) - np.append(0, ends + 1)
    too_long = np.flatnonzero(lengths > limit)
    return int(too_long[0]) + 1 if len(too_long) else None


def read_export(content: bytes, file_name: str) -> pd.DataFrame:
    """Return the file's responses as text columns named by their headers, with each row's number in the file."""
    from pipelines.formats import flatten

    export = flatten(read_table(content, file_name), file_name)
    if export.ragged_rows:
        raise UnreadableFile(
            f"{file_name} could not be read: row {export.ragged_rows[0]} has more values than the file has column "
            "headings (an answer containing a comma may have lost its quotes)."
        )
    return export.frame


def decode_text(content: bytes, file_name: str) -> tuple[str, str]:
    """Return the text and the name of its encoding; a byte that cannot be read is an error naming its row."""
    for bom, codec, name in [
        (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
    ]:
        if content.startswith(bom):
            return _strict(content[len(bom) :], codec, name, file_name), name
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        if UTF8_MULTIBYTE.search(content[: error.start]) or UTF8_MULTIBYTE.search(content[error.end :]):
            # Mostly UTF-8 with a stray byte: reading it as Windows-1252 would garble the rest.
            raise _bad_byte(content, error, "utf-8", file_name) from error
    return _strict(content, "cp1252", "Windows-1252", file_name), "Windows-1252"


def guess_delimiter(text: str) -> str:
    """Return the delimiter that splits the first lines into the most consistent, widest rows."""
    sample = text[:20_000]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        rows = [len(row) for row, _ in zip(reader, range(30), strict=False)]
        if not rows:
            continue
        widest = max(rows)
        score = (sum(1 for n in rows if n == widest and n > 1), widest)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _strict(content: bytes, codec: str, name: str, file_name: str) -> str:
    try:
        return content.decode(codec)
    except UnicodeDecodeError as error:
        raise _bad_byte(content, error, codec, file_name, name) from error


def _bad_byte(content: bytes, error: UnicodeDecodeError, codec: str, file_name: str, name: str = "UTF-8"):
    before = content[: error.start].decode(codec, errors="strict")
    # The row as a spreadsheet counts it: quoted line breaks stay inside their row.
    row = len(list(csv.reader(io.StringIO(before + "x", newline=""))))
    byte = content[error.start]
    return UnreadableFile(
        f"{file_name} could not be read: row {row} contains a character that is not valid {name} text "
        f"(byte 0x{byte:02X}). {SAVE_AS_UTF8}"
    )


def _cell(value: object) -> str | None:
    """Return a cell as trimmed text, None when blank."""
    if value is None:
        return None
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, dt.datetime):
        text = value.isoformat(sep=" ", timespec="seconds")
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    else:
        text = str(value)
    text = text.strip()
    return text or None


def _read_xlsx(content: bytes, file_name: str) -> Table:
    _check_zip(content, file_name)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged or protected workbook
        raise UnreadableFile(
            f"{file_name} could not be opened as an Excel workbook (it may be damaged or password-protected)."
        ) from error
    try:
        # The first sheet with anything on it: tools put responses first, summaries after.
        for sheet in workbook.worksheets:
            rows = _sheet_rows(sheet, file_name)
            if any(any(cell is not None for cell in row) for row in rows):
                return Table(rows, "Excel workbook", sheet=sheet.title)
    finally:
        workbook.close()
    raise UnreadableFile(f"{file_name} is an Excel workbook with nothing in it.")


def _check_zip(content: bytes, file_name: str) -> None:
    """Refuse a ZIP file that is not an Excel workbook, or one that would expand beyond config.MAX_UNZIPPED_MB."""
    try:
        entries = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except zipfile.BadZipFile as error:
        raise UnreadableFile(
            f"{file_name} could not be opened as an Excel workbook (it may be damaged or password-protected)."
        ) from error
    names = [entry.filename for entry in entries]
    for folder, what in ZIP_CONTENTS:
        if any(name.startswith(folder) for name in names):
            if what:
                raise UnreadableFile(f"{file_name} is {what}, not a CSV or Excel file.")
            break
    else:
        raise UnreadableFile(f"{file_name} is a ZIP archive, not a CSV or Excel file.")
    if sum(entry.file_size for entry in entries) > config.MAX_UNZIPPED_MB * 1024 * 1024:
        raise UnreadableFile(
            f"{file_name} is an Excel workbook that expands to more than {config.MAX_UNZIPPED_MB} MB, too large to "
            "read: export only the responses you need."
        )


def _sheet_rows(sheet, file_name: str) -> list[list[str | None]]:
    """Return a sheet's rows as text, refusing one wider or larger than any survey export."""
    rows, cells = [], 0
    for row in sheet.iter_rows(values_only=True):
        if len(row) > config.MAX_COLUMNS:
            raise UnreadableFile(
                f"{file_name} has {len(row):,} columns, more than the {config.MAX_COLUMNS:,} a survey export can "
                "have: check it is the right file."
            )
        cells += len(row)
        if cells > config.MAX_CELLS:
            raise UnreadableFile(
                f"{file_name} has more than {config.MAX_CELLS:,} values, too many to read at once: split it into "
                f"smaller files{LARGER_FILES}."
            )
        rows.append([_cell(value) for value in row])
    return rows


def read_path(path: Path) -> tuple[bytes, str]:
    """Return a file's bytes and name, for the command line; a file over the upload limit is refused unread."""
    check_size(path.stat().st_size, path.name)
    return path.read_bytes(), path.name
