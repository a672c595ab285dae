"""The board pack as an A4 PDF: cover, what moved, the scorecard, the headline charts with their numbers, appendix."""

import io
import re
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from impact.reports.content import DISCLOSURE_RULES, Pack
from impact.reports.images import NO_CHROMIUM, chromium_available, draw_charts

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
INK, GREY = (0, 0, 0), (90, 90, 90)
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_\[\]<>$~|#.!()+{}-])")


def plain_text(text: object) -> str:
    """Return text with the pages' Markdown escapes removed: the PDF prints characters as they are."""
    return MARKDOWN_ESCAPE.sub(r"\1", str(text))


class PackPDF(FPDF):
    """A4 with a running footer: the pack, the quarter, its version and date, and the page number."""

    def __init__(self, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.set_auto_page_break(True, margin=16)
        self.set_margins(16, 16, 16)
        if (FONT_DIR / "DejaVuSans.ttf").exists():
            self.add_font("Body", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("Body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.family = "Body"
        else:  # the core font has no arrows or RAG marks; text is reduced to Latin-1 in write()
            self.family = "Helvetica"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 6, self.safe(f"{self.footer_text} · Page {self.page_no()} of {{nb}}"), align="C")
        self.set_text_color(*INK)

    def safe(self, text: object) -> str:
        """Return text the font can print."""
        text = plain_text(text)
        return text if self.family == "Body" else text.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: str, level: int = 0) -> None:
        """Write a heading and add it to the document outline (bookmarks), so readers can jump to it."""
        self.start_section(self.safe(text), level=level)
        self.set_font(self.family, "B", (18, 14, 12)[level])
        self.multi_cell(0, (9, 7, 6)[level], self.safe(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def para(self, text: str, size: float = 10.5, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, self.safe(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def bullets(self, lines: list[str], empty: str) -> None:
        for line in lines or [empty]:
            self.set_font(self.family, "", 10.5)
            self.set_x(self.l_margin)
            self.multi_cell(
                0, 5.2, self.safe(f"•  {line}" if lines else line), align="L", new_x="LMARGIN", new_y="NEXT"
            )
            self.ln(1)

    def frame_table(self, frame: pd.DataFrame, size: float = 8, widths: tuple | None = None) -> None:
        """Write a table with a bold, repeated header row; cells as the pages show them ("c" stays "c")."""
        if frame.empty:
            self.para("No numbers for this selection.", 9)
            return
        self.set_font(self.family, "", size)
        heading = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))
        with self.table(col_widths=widths, text_align="LEFT", line_height=size * 0.5, headings_style=heading,
                        repeat_headings=1, first_row_as_headings=True) as table:  # fmt: skip
            table.row([self.safe(c) for c in frame.columns])
            for values in frame.itertuples(index=False):
                table.row([self.safe("" if pd.isna(v) else v) for v in values])
        self.ln(3)


def pack_pdf(pack: Pack) -> bytes:
    """Return the board pack as PDF bytes."""
    pdf = PackPDF(f"SEND Board pack {pack.quarter} · version {pack.version} · {pack.made_on:%d %B %Y}")
    pdf.set_title(f"SEND Board pack, {pack.quarter}")
    pdf.set_author("SEND Impact Monitor")
    pdf.set_subject("Participation and co-production: scorecard, impact, reach, action plan and quality")
    pdf.set_lang("en-GB")
    cover(pdf, pack)
    moved(pdf, pack)
    scorecard(pdf, pack)
    charts(pdf, pack)
    appendix(pdf, pack)
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()


def cover(pdf: PackPDF, pack: Pack) -> None:
    pdf.add_page()
    pdf.ln(40)
    pdf.heading("SEND Board pack")
    pdf.para(f"Participation and co-production: quarter {pack.quarter}", 14, bold=True)
    pdf.para(f"Made on {pack.made_on:%d %B %Y} by the SEND Impact Monitor. Version {pack.version}.", 11)
    pdf.ln(6)
    pdf.para(
        "Inside: what improved, what slipped and what we are doing; the scorecard of the board's measures against "
        "their milestones; the headline Impact, Reach, Action plan and Quality charts, each with its takeaway and "
        "the numbers behind it; and an appendix saying where every number came from.",
        11,
    )
    pdf.para("Small numbers are hidden as on every page of the dashboard: a c in a table is a count of 1 to 4.", 11)
    if not chromium_available():
        pdf.para(NO_CHROMIUM, 11, bold=True)


def moved(pdf: PackPDF, pack: Pack) -> None:
    pdf.add_page()
    pdf.heading("What improved, what slipped, what we are doing")
    for title, lines, empty in [
        ("What improved", pack.improved, "No measure improved on its previous value."),
        ("What slipped", pack.slipped, "No measure slipped."),
        ("What we are doing", pack.doing, "No measure is red or amber."),
    ]:
        pdf.heading(title, 1)
        pdf.bullets(lines, empty)


def scorecard(pdf: PackPDF, pack: Pack) -> None:
    pdf.add_page(orientation="L")
    pdf.heading(f"Scorecard, {pack.quarter}")
    pdf.para(
        "RAG compares the actual with the milestone due by the quarter: ● green, on track; ◐ amber, close; "
        "○ red, off track. Survey measures use the latest whole year. Trend: the shown values, oldest first.",
        9,
    )
    table = pack.scorecard_table.drop(columns=["Workstream"])
    pdf.frame_table(table, 7.5, widths=(34, 20, 22, 26, 22, 24, 30, 12, 75))
    pdf.heading("What each measure means", 1)
    pdf.frame_table(pack.definitions, 7.5, widths=(40, 80, 55, 15, 75))


def charts(pdf: PackPDF, pack: Pack) -> None:
    draw_charts(pack.sections)
    for section in pack.sections:
        pdf.add_page()
        pdf.heading(f"{section.page}: {section.title}")
        pdf.para(f"Source: {section.source} {pack.provenance}", 8.5)
        for line in section.takeaways:
            pdf.para(line, 10.5, bold=True)
        image = section.image
        if image:
            pdf.image(io.BytesIO(image), w=pdf.epw, alt_text=f"Chart: {section.title}. The numbers are in the table.")
            pdf.ln(2)
        pdf.heading(f"The numbers: {section.title}", 1)
        pdf.frame_table(section.numbers.astype(str), 7)


def appendix(pdf: PackPDF, pack: Pack) -> None:
    pdf.add_page()
    pdf.heading("Appendix: the data behind this pack")
    pdf.heading("Source files", 1)
    pdf.para(pack.provenance + " Who loaded a file is given as a role, never a person's name.", 9)
    pdf.frame_table(pack.files, 7.5, widths=(35, 50, 27, 25, 41))
    pdf.heading("Filters in force", 1)
    pdf.bullets(pack.filters, "")
    pdf.heading("Disclosure rules applied", 1)
    pdf.bullets(DISCLOSURE_RULES, "")
