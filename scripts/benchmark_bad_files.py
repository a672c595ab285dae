"""Measure the memory it takes to refuse files that are not what they claim (a benchmark, not a test).

    python scripts/benchmark_bad_files.py

Each bad file is written to a temporary folder, then refused through the same step the Upload page and the command
line use (pipelines.read: read_path for the size, read_table for the rest). Printed per file: its size, the peak
memory Python allocated while refusing it (tracemalloc, on top of the file's own bytes), the process's peak resident
memory so far (getrusage) and the message the officer reads.
"""

import io
import os
import resource
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from impact import config  # noqa: E402
from pipelines.read import UnreadableFile, read_path, read_table  # noqa: E402

MB = 1024 * 1024


def bad_files(folder: Path) -> list[tuple[str, Path, int | None]]:
    """Write each kind of bad file and return (what it is, path, upload limit in MB to refuse it under)."""
    utf16 = ("Response ID,Age\n" + "A,14\n" * 100_000).encode("utf-16-le")
    wide = "\n".join([",".join(f"Question {i}" for i in range(10_000))] + [",".join("1" * 10_000)] * 200)
    files = [
        ("PNG image renamed .csv", "photo.csv", [b"\x89PNG\r\n\x1a\n", os.urandom(2 * MB)], None),
        ("ZIP archive renamed .csv", "archive.csv", [_zip("notes.txt", 1)], None),
        ("ZIP bomb renamed .xlsx", "bomb.xlsx", [_zip("xl/workbook.xml", 250)], None),
        ("empty file", "empty.csv", [], None),
        ("UTF-16 without its mark", "utf16.csv", [utf16], None),
        ("UTF-16 mark, then garbage", "garbage.csv", [b"\xff\xfe", os.urandom(5 * MB)], None),
        ("10,000 columns", "wide.csv", [wide.encode()], None),
        ("one 19 MB line", "line19.csv", [b"Response ID,Comment\nA,", *[b"x" * MB] * 19, b"\n"], None),
        ("one 50 MB line (64 MB limit)", "line50.csv", [b"Response ID,Comment\nA,", *[b"x" * MB] * 50, b"\n"], 64),
        ("one 50 MB line (20 MB limit)", "line50.csv", None, None),
        ("24 MB of rows (20 MB limit)", "big.csv", [b"Response ID,Comment\n", *[b"A,hello\n" * MB] * 3], None),
    ]  # fmt: skip
    written = []
    for what, name, parts, limit in files:
        path = folder / name
        if parts is not None:
            with path.open("wb") as file:
                for part in parts:
                    file.write(part)
        written.append((what, path, limit))
    return written


def _zip(name: str, megabytes: int) -> bytes:
    """Return a ZIP holding one entry of `megabytes` zero bytes, written a megabyte at a time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w") as entry:
        for _ in range(megabytes):
            entry.write(b"\0" * MB)
    return buffer.getvalue()


def refuse(path: Path) -> tuple[str, int]:
    """Return the message refusing the file and the peak memory Python allocated to refuse it, beyond the bytes of
    the file itself (which the Upload page already holds, and the command line reads only under the limit)."""
    tracemalloc.start()
    try:
        content, name = read_path(path)
    except UnreadableFile as error:
        return str(error), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    tracemalloc.start()
    try:
        read_table(content, name)
        return "READ (not refused)", tracemalloc.get_traced_memory()[1]
    except UnreadableFile as error:
        return str(error), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    default = config.MAX_UPLOAD_MB
    print(f"Upload limit {default} MB, at most {config.MAX_COLUMNS:,} columns, lines of at most "
          f"{config.MAX_LINE_BYTES:,} bytes, {config.MAX_CELLS:,} values.")  # fmt: skip
    print("peak MB: the most Python allocated while refusing the file, beyond the file's own bytes (tracemalloc);")
    print("maxrss MB: the process's peak resident memory so far (resource.getrusage), imports included.\n")
    print(f"{'file':<30} {'size MB':>8} {'peak MB':>8} {'maxrss MB':>10} {'seconds':>8}  message")
    with tempfile.TemporaryDirectory() as folder:
        for what, path, limit in bad_files(Path(folder)):
            config.MAX_UPLOAD_MB = limit or default
            started = time.perf_counter()
            message, peak = refuse(path)
            seconds = time.perf_counter() - started
            maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            size = path.stat().st_size / MB
            print(f"{what:<30} {size:>8.1f} {peak / MB:>8.1f} {maxrss:>10.0f} {seconds:>8.2f}  {message}")
    config.MAX_UPLOAD_MB = default


if __name__ == "__main__":
    main()
