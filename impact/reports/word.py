"""The board pack as an editable Word document, with the PDF's headings: officers edit board papers before they go."""

import io

import pandas as pd
from docx import Document
from docx.shared import Cm, Pt

from impact.reports.content import DISCLOSURE_RULES, Pack
from impact.reports.images import NO_CHROMIUM, draw_charts
from impact.reports.pdf import plain_text


def pack_docx(pack: Pack) -> bytes:
    """Return the board pack as .docx bytes: the same headings, sentences and tables as the PDF."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.6))
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = f"SEND Board pack, {pack.quarter}"
    doc.core_properties.author = "SEND Impact Monitor"
    doc.core_properties.version = pack.version
    doc.add_heading("SEND Board pack", 0)
    doc.add_paragraph(f"Participation and co-production: quarter {pack.quarter}. Made on {pack.made_on:%d %B %Y} "
                      f"by the SEND Impact Monitor. Version {pack.version}.")  # fmt: skip
    doc.add_heading("What improved, what slipped, what we are doing", 1)
    for title, lines in [("What improved", pack.improved), ("What slipped", pack.slipped),
                         ("What we are doing", pack.doing)]:  # fmt: skip
        doc.add_heading(title, 2)
        for line in lines or ["None."]:
            doc.add_paragraph(plain_text(line), style="List Bullet")
    doc.add_heading(f"Scorecard, {pack.quarter}", 1)
    add_table(doc, pack.scorecard_table.drop(columns=["Workstream"]), 8)
    doc.add_heading("What each measure means", 2)
    add_table(doc, pack.definitions, 8)
    add_charts(doc, pack)
    doc.add_heading("Appendix: the data behind this pack", 1)
    doc.add_heading("Source files", 2)
    doc.add_paragraph(plain_text(pack.provenance) + " Who loaded a file is given as a role, never a person's name.")
    add_table(doc, pack.files, 8)
    doc.add_heading("Filters in force", 2)
    for line in pack.filters:
        doc.add_paragraph(line, style="List Bullet")
    doc.add_heading("Disclosure rules applied", 2)
    for line in DISCLOSURE_RULES:
        doc.add_paragraph(line, style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def add_charts(doc, pack: Pack) -> None:
    draw_charts(pack.sections)
    for part in pack.sections:
        doc.add_heading(f"{part.page}: {part.title}", 1)
        doc.add_paragraph(plain_text(f"Source: {part.source} {pack.provenance}")).runs[0].font.size = Pt(8.5)
        for line in part.takeaways:
            doc.add_paragraph().add_run(plain_text(line)).bold = True
        image = part.image
        if image:
            doc.add_picture(io.BytesIO(image), width=Cm(17.5))
        elif part.figure is not None:
            doc.add_paragraph(NO_CHROMIUM)
        doc.add_heading(f"The numbers: {part.title}", 2)
        add_table(doc, part.numbers.astype(str), 7.5)


def add_table(doc, frame: pd.DataFrame, size: float) -> None:
    """Add a table with a header row; cells exactly as the pages show them ("c" stays "c")."""
    if frame.empty:
        doc.add_paragraph("No numbers for this selection.")
        return
    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, frame.columns, strict=True):
        cell.text = str(name)
        cell.paragraphs[0].runs[0].bold = True
    for values in frame.itertuples(index=False):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = plain_text("" if pd.isna(value) else value)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
