"""Read an export file (CSV or XLSX) into a frame of text, exactly as the survey tool wrote it."""

import hashlib
import io
from pathlib import Path

import pandas as pd


class UnreadableFile(ValueError):
    """The file as a whole cannot be read; the message says why in one sentence."""


def file_sha256(content: bytes) -> str:
    """Return the SHA-256 of a file's bytes, used to recognise a file loaded before."""
    return hashlib.sha256(content).hexdigest()


def read_export(content: bytes, file_name: str) -> pd.DataFrame:
    """Return the file's rows as text columns, blank rows dropped, with each row's line in the file."""
    if not content.strip():
        raise UnreadableFile(f"{file_name} is empty.")
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        frame = _read_xlsx(content, file_name)
    else:
        frame = _read_csv(content, file_name)
    frame.columns = [str(c).strip() for c in frame.columns]
    # Line numbers as the officer sees them in a spreadsheet: the header is row 1.
    frame.insert(0, "row_number", range(2, len(frame) + 2))
    blank = frame.drop(columns="row_number").isna().all(axis=1)
    frame = frame[~blank].reset_index(drop=True)
    if frame.empty:
        raise UnreadableFile(f"{file_name} has a header but no responses.")
    return frame


def _read_csv(content: bytes, file_name: str) -> pd.DataFrame:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="strict")
    try:
        # keep_default_na=False: "None" and "NA" are real answers here; only blanks are missing.
        return pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""], sep=None, engine="python"
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise UnreadableFile(f"{file_name} could not be read as a CSV file: {error}.") from error


def _read_xlsx(content: bytes, file_name: str) -> pd.DataFrame:
    try:
        return pd.read_excel(io.BytesIO(content), dtype=str, keep_default_na=False, na_values=[""])
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise UnreadableFile(f"{file_name} could not be opened as an Excel workbook.") from error


def read_path(path: Path) -> tuple[bytes, str]:
    """Return a file's bytes and name, for the command line."""
    return path.read_bytes(), path.name
