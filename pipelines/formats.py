"""Recognise which survey tool wrote an export and flatten its header rows into one header per column.

SurveyMonkey writes two header rows (question text, then "Response" or one answer option per column for
pick-several questions and grids); SmartSurvey writes several; Microsoft Forms and Google Forms write one.
The result is the same whatever the tool: one column per question, one row per response.
"""

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pipelines.distinct import map_values
from pipelines.read import Table

# Simplified header names (see mapping.simplify) that give a tool away.
TOOL_SIGNATURES = [
    ("SurveyMonkey", [{"respondent id", "collector id"}, {"respondent id", "start date", "end date"}]),
    ("Microsoft Forms", [{"id", "start time", "completion time"}]),
    ("SmartSurvey", [{"userno", "started", "ended"}, {"user id", "started", "ended"}]),
]
# What a second header row says over a column holding one answer per respondent.
PLAIN_SUBHEADERS = {"response", "responses", "open ended response", "open ended responses"}
# Values that mean "ticked" in a one-column-per-option layout.
TICKED = {"1", "x", "yes", "true", "selected", "ticked", "checked"}
SUMMARY_ROW = re.compile(r"^(grand )?totals?\b|^(sum|average|mean|count|number of responses)\b", re.IGNORECASE)
MAX_EXTRA_HEADER_ROWS = 3
SUMMARY_WORDS = "^(grand|total|sum|average|mean|count|number)"  # how a summary row's first cell can begin


@dataclass
class Export:
    """An export flattened to one header per column, with what was recognised about its layout."""

    tool: str
    header_rows: int
    frame: pd.DataFrame  # row_number, then one text column per header
    table: Table
    title_rows: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, why): rows that are not responses
    blank_rows: int = 0
    pick_several: list[str] = field(default_factory=list)  # questions rebuilt from one column per option
    ragged_rows: list[int] = field(default_factory=list)  # rows with more values than headers

    def describe(self) -> str:
        """Return what was found, e.g. 'a SurveyMonkey export with two header rows'."""
        tool = "a spreadsheet" if self.tool == "Spreadsheet" else f"a {self.tool} export"
        rows = {1: "one header row", 2: "two header rows"}.get(self.header_rows, f"{self.header_rows} header rows")
        return f"{tool} with {rows}"


def simple(text: object) -> str:
    """Return text lower-cased with punctuation and repeated spaces removed."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", str(text).lower())).strip()


def detect_tool(headers: list[str | None]) -> str:
    """Return the survey tool whose own columns appear in the header row, or 'Spreadsheet'."""
    names = {simple(h) for h in headers if h}
    for tool, signatures in TOOL_SIGNATURES:
        if any(signature <= names for signature in signatures):
            return tool
    first = next((h for h in headers if h), "")
    if simple(first) == "timestamp":
        return "Google Forms"
    return "Spreadsheet"


def flatten(table: Table, file_name: str) -> Export:
    """Return the export with one header per column and only response rows (summary and blank rows left out)."""
    from pipelines.read import UnreadableFile

    if table.columns is not None:
        return _flatten_columns(table, file_name)
    rows = table.rows
    start = _header_start(rows)
    if start is None:
        raise UnreadableFile(f"{file_name} has no header row: the first row should name each column.")
    tool = detect_tool(rows[start])
    depth = _header_depth(rows, start, tool)
    width = max(len(row) for row in rows[start : start + depth])
    header_block = [_pad(row, width) for row in rows[start : start + depth]]
    body = [(number, row) for number, row in enumerate(rows, start=1) if number > start + depth]
    export = Export(tool=tool, header_rows=depth, frame=pd.DataFrame(), table=table, title_rows=start)
    responses = []
    for number, row in body:
        if all(cell is None for cell in row):
            export.blank_rows += 1
            continue
        first = next(cell for cell in row if cell is not None)
        if SUMMARY_ROW.match(first):
            export.skipped.append((number, f"a summary row ('{first[:30]}'), not a response"))
            continue
        if any(cell is not None for cell in row[width:]):
            export.ragged_rows.append(number)
        responses.append((number, _pad(row, width)))
    body = [row for _, row in responses]
    headers, columns = _flatten_headers(header_block, [[row[i] for row in body] for i in range(width)], export)
    return _framed(export, headers, columns, [number for number, _ in responses], file_name)


def _framed(export: Export, headers: list[str], columns: list, numbers, file_name: str) -> Export:
    from pipelines.read import UnreadableFile

    # One block per column, not one copied block: a column taken from this frame (a date as given, kept beside its
    # reading until the load) then holds on to itself alone, not to every column of the file.
    frame = pd.DataFrame(dict(zip(_unique(headers), columns, strict=True)), dtype=object, copy=False)
    frame.insert(0, "row_number", numbers)
    if export.tool == "Microsoft Forms":
        frame = frame.apply(_split_forms_choices)
    if frame.empty:
        raise UnreadableFile(f"{file_name} has a header but no responses.")
    export.frame = frame.reset_index(drop=True)
    return export


def _flatten_columns(table: Table, file_name: str) -> Export:
    """Return the export of a file read column by column (every row as wide): the same as `flatten` gives, found
    with column operations."""
    from pipelines.read import UnreadableFile

    columns = table.columns
    count = len(columns[0])
    head = [[column[r] for column in columns] for r in range(min(count, 12 + 1 + MAX_EXTRA_HEADER_ROWS))]
    start = _header_start(head)
    if start is None:
        raise UnreadableFile(f"{file_name} has no header row: the first row should name each column.")
    tool = detect_tool(head[start])
    depth = _header_depth(head, start, tool)
    export = Export(tool=tool, header_rows=depth, frame=pd.DataFrame(), table=table, title_rows=start)
    present = [column != None for column in columns]  # noqa: E711 (element by element)
    first = np.full(count, None, dtype=object)
    for column, filled in zip(columns, present, strict=True):
        take = filled & (first == None)  # noqa: E711
        first[take] = column[take]
    body = np.arange(count) >= start + depth
    blank = body & ~np.logical_or.reduce(present)
    export.blank_rows = int(blank.sum())
    is_summary = map_values(
        pd.Series(first, dtype=object), lambda v: bool(SUMMARY_ROW.match(v)), containing=SUMMARY_WORDS
    )
    summary = body & is_summary.fillna(False).to_numpy(dtype=bool)
    export.skipped = [
        (int(i) + 1, f"a summary row ('{first[i][:30]}'), not a response") for i in np.flatnonzero(summary)
    ]
    keep = body & ~blank & ~summary
    kept = np.flatnonzero(keep)
    if len(kept) and kept[-1] - kept[0] + 1 == len(kept):
        keep = slice(kept[0], kept[-1] + 1)  # the usual file, its responses in one run: views, not copies
    headers, values = _flatten_headers(head[start : start + depth], [column[keep] for column in columns], export)
    return _framed(export, headers, values, kept + 1, file_name)


def _header_start(rows: list[list[str | None]]) -> int | None:
    """Return the index of the header row: title rows above it have one cell at most."""
    counts = [sum(cell is not None for cell in row) for row in rows[:12]]
    if not counts or max(counts) == 0:
        return None
    widest = max(counts)
    for index, count in enumerate(counts):
        if count >= 2 and count >= widest / 2 or count == widest:
            return index
    return None


def _header_depth(rows: list[list[str | None]], start: int, tool: str) -> int:
    """Return how many header rows there are: SurveyMonkey and SmartSurvey add rows with the first cell blank."""
    depth = 1
    for row in rows[start + 1 : start + 1 + MAX_EXTRA_HEADER_ROWS]:
        if not row or row[0] is not None or all(cell is None for cell in row):
            break
        if tool == "SmartSurvey":
            depth += 1
            continue
        if tool == "SurveyMonkey" or any(cell and simple(cell) in PLAIN_SUBHEADERS for cell in row):
            depth += 1
        break
    return depth


def _flatten_headers(block: list[list], columns: list, export: Export) -> tuple[list[str], list]:
    """Return flattened headers and the columns of values beneath them."""
    width = len(block[0])
    if len(block) == 1:
        return [block[0][i] or f"Column {i + 1}" for i in range(width)], columns
    groups = _groups(block)
    headers, values = [], []
    for question, members in groups:
        subs = [" - ".join(part for part in parts if part) for _, parts in members]
        indexes = [i for i, _ in members]
        if len(members) == 1 and (not subs[0] or simple(subs[0]) in PLAIN_SUBHEADERS):
            headers.append(question)
            values.append(columns[indexes[0]])
            continue
        options = [(i, s) for i, s in zip(indexes, subs, strict=True) if not _is_other(s, columns[i])]
        if options and all(_only_ticks(columns[i], s) for i, s in options):
            export.pick_several.append(question)
            headers.append(question)
            values.append(_join_ticked(options, columns))
            others = [(i, s) for i, s in zip(indexes, subs, strict=True) if (i, s) not in options]
        else:
            others = list(zip(indexes, subs, strict=True))
        for i, sub in others:
            plain = not sub or simple(sub) in PLAIN_SUBHEADERS
            headers.append(question if plain else f"{question} [{sub}]")
            values.append(columns[i])
    return headers, values


def _groups(block: list[list]) -> list[tuple[str, list[tuple[int, list]]]]:
    """Return (question, [(column, sub-header parts)]): a question spans the blank cells to its right."""
    groups: list[tuple[str, list]] = []
    current = None
    for i in range(len(block[0])):
        top = block[0][i]
        if top is not None or current is None:
            current = top or f"Column {i + 1}"
            groups.append((current, []))
        groups[-1][1].append((i, [row[i] for row in block[1:]]))
    return groups


def _is_other(sub: str, values: list) -> bool:
    return simple(sub).startswith("other") and not _only_ticks(values, sub)


def _only_ticks(values: list, label: str) -> bool:
    """Return whether every answer in a column is its own option label or a tick."""
    seen = [v for v in values if v is not None]
    return all(simple(v) == simple(label) or v.strip().lower() in TICKED for v in seen)


def _join_ticked(options: list[tuple[int, str]], columns: list[list]) -> list[str | None]:
    joined = []
    for r in range(len(columns[0]) if columns else 0):
        ticked = [label for i, label in options if columns[i][r] is not None]
        joined.append("; ".join(ticked) or None)
    return joined


def _split_forms_choices(column: pd.Series) -> pd.Series:
    """Microsoft Forms writes pick-several answers as 'A;B;': make them 'A; B' like every other tool."""
    if column.name == "row_number":
        return column

    def tidy(value):
        if isinstance(value, str) and value.endswith(";"):
            return "; ".join(part.strip() for part in value.split(";") if part.strip()) or None
        return value

    return map_values(column, tidy)


def _pad(row: list, width: int) -> list:
    return (list(row) + [None] * width)[:width]


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        out.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return out
