"""Easy read "You told us, we did": short sentences, large type, one idea per page, a drawn picture for each idea.

For children, young people and parent carers, to publish on the Local Offer site (the SEND Code of Practice expects
areas to publish feedback and what they did about it). Written from the "you said, we did" records and the
scorecard's improved survey measures; its reading age is measured with textstat and printed on the last page.
"""

import io
import re
from dataclasses import dataclass

import textstat
from fpdf import FPDF

from impact.reports.content import Pack
from impact.reports.pdf import FONT_DIR, plain_text

READING_AGE_TARGET = 11  # the oldest reading age we accept: a Year 6 reader can follow every page
MAX_IDEAS = 6
GROUPS = {"Young person": "young people", "Parent carer": "parent carers"}


@dataclass(frozen=True)
class Idea:
    """One page: a picture and one or two short sentences."""

    icon: str  # "talk", "done", "better", "people"
    heading: str
    sentences: list[str]


def sentence(text: str) -> str:
    """Return text as one sentence: tidy spaces, a capital letter and a full stop."""
    text = re.sub(r"\s+", " ", plain_text(text)).strip().rstrip(".!")
    return (text[:1].upper() + text[1:] + ".") if text else ""


def ideas(you_said_we_did, scorecard_rows) -> list[Idea]:
    """Return the easy read's pages: what you told us and what we did, then what got better, then how to tell us."""
    out = [Idea("people", "You told us, we did", ["This is what we changed because of what you told us."])]
    done = you_said_we_did.dropna(subset=["response"]).sort_values("date_responded", ascending=False)
    for row in done.head(MAX_IDEAS).itertuples():
        out.append(Idea("talk", "You told us", [sentence(row.theme)]))
        out.append(Idea("done", "We did this", [sentence(row.response)]))
    for row in scorecard_rows:
        easy = row.measure.easy_read
        shown = [p for p in row.trend if p.value is not None]
        if easy and len(shown) >= 2 and (shown[-1].value > shown[-2].value) == (row.measure.direction == "up"):
            out.append(Idea("better", "Getting better", [sentence(easy)]))
    ask = ["You can tell us what you think at any time.", "Ask at your school or college, or on the Local Offer."]
    out.append(Idea("talk", "Tell us what you think", ask))
    return out


def reading_age(items: list[Idea]) -> int:
    """Return the reading age in years of the ideas' text (Flesch-Kincaid grade plus 5, as UK reading ages go)."""
    text = " ".join(s for idea in items for s in [f"{idea.heading}.", *idea.sentences])
    return max(5, round(textstat.flesch_kincaid_grade(text) + 5))


def easy_read_pdf(pack: Pack) -> bytes:
    """Return the easy read as an A4 PDF: one idea per page in large type, each with its picture."""
    items = ideas(pack.you_said_we_did, pack.scorecard)
    age = reading_age(items)
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_title("You told us, we did")
    pdf.set_lang("en-GB")
    family = "Helvetica"
    if (FONT_DIR / "DejaVuSans.ttf").exists():
        pdf.add_font("Body", "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font("Body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        family = "Body"
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    for idea in items:
        page(pdf, family, idea)
    pdf.add_page()
    pdf.start_section("About this page")
    pdf.set_font(family, "B", 28)
    pdf.multi_cell(0, 14, "About this page", align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 22)
    about = (f"Reading age: about {age} years. We checked it with a reading test. "
             f"We made it in {pack.made_on:%B %Y}.")  # fmt: skip
    pdf.multi_cell(0, 12, about, align="L", new_x="LMARGIN", new_y="NEXT")
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()


def page(pdf: FPDF, family: str, idea: Idea) -> None:
    pdf.add_page()
    pdf.start_section(idea.heading)
    draw_icon(pdf, idea.icon, 20, 25, 60)
    pdf.set_y(100)
    pdf.set_font(family, "B", 32)
    pdf.multi_cell(0, 16, idea.heading, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(family, "", 26)
    for text in idea.sentences:
        pdf.multi_cell(0, 13, text if family == "Body" else text.encode("latin-1", "replace").decode("latin-1"),
                       align="L", new_x="LMARGIN", new_y="NEXT")  # fmt: skip
        pdf.ln(5)


def draw_icon(pdf: FPDF, icon: str, x: float, y: float, size: float) -> None:
    """Draw a simple black picture: a speech bubble, a tick, an upward arrow or two people."""
    pdf.set_draw_color(0, 0, 0)
    pdf.set_fill_color(0, 0, 0)
    pdf.set_line_width(2.5)
    if icon == "talk":
        pdf.rect(x, y, size, size * 0.6, style="D", round_corners=True, corner_radius=8)
        pdf.polygon([(x + 12, y + size * 0.6), (x + 10, y + size * 0.85), (x + 26, y + size * 0.6)], style="DF")
        for row in (0.2, 0.4):
            pdf.line(x + 10, y + size * row, x + size - 10, y + size * row)
    elif icon == "done":
        pdf.set_line_width(6)
        pdf.polyline([(x + 5, y + size * 0.5), (x + size * 0.4, y + size * 0.85), (x + size, y + 5)])
    elif icon == "better":
        half = size / 2
        pdf.polygon([(x + half, y), (x + size, y + half), (x + half * 1.4, y + half), (x + half * 1.4, y + size),
                     (x + half * 0.6, y + size), (x + half * 0.6, y + half), (x, y + half)], style="F")  # fmt: skip
    else:
        for left in (x, x + size * 0.55):
            pdf.circle(left + size * 0.2, y + size * 0.18, size * 0.13, style="F")
            pdf.rect(left + size * 0.05, y + size * 0.4, size * 0.3, size * 0.5, style="F", round_corners=True)
    pdf.set_line_width(0.2)
