"""`python -m pipelines board-pack`: write the pack (and optionally its Word version and the easy read) to files."""

from pathlib import Path

from impact.domain.scorecard import quarter_label
from impact.queries.common import reporting_quarters
from impact.reports.content import build_pack
from impact.reports.images import NO_CHROMIUM, chromium_available


def write_board_pack(con, quarter: str, out: Path, docx: Path | None = None, easy_read: Path | None = None):
    """Write the files and return what was written, one line each; raise ValueError for a quarter with no data."""
    from impact.reports.easy_read import easy_read_pdf
    from impact.reports.pdf import pack_pdf
    from impact.reports.word import pack_docx

    quarter = quarter_label(quarter)
    known = reporting_quarters(con)
    if quarter not in known:
        latest = known[-1] if known else "none yet"
        raise ValueError(f"No data is loaded for {quarter}: the latest quarter with data is {latest}. Nothing written.")
    pack = build_pack(con, quarter)
    lines = [] if chromium_available() else [NO_CHROMIUM]
    out.write_bytes(pack_pdf(pack))
    lines.append(f"Wrote the board pack for {quarter} to {out}")
    if docx:
        docx.write_bytes(pack_docx(pack))
        lines.append(f"Wrote the Word version to {docx}")
    if easy_read:
        easy_read.write_bytes(easy_read_pdf(pack))
        lines.append(f'Wrote the easy read "You told us, we did" to {easy_read}')
    return lines
