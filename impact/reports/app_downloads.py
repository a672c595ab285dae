"""The board pack, its Word version and the easy read as downloads in the app, and the easy read as a page section."""

import datetime as dt

import streamlit as st

from impact.queries import quality, scorecard
from impact.reports import easy_read
from impact.reports.images import NO_CHROMIUM, chromium_available
from impact.views import auth, ui
from impact.views.chart_block import plain

FILES_KEY = "board_pack_files"


def pack_files(con, quarter: str) -> dict[str, bytes]:
    """Return the pack as PDF and Word, and the easy read PDF, built from one reading of the data."""
    from impact.reports.content import build_pack
    from impact.reports.pdf import pack_pdf
    from impact.reports.word import pack_docx

    pack = build_pack(con, quarter)
    return {"pdf": pack_pdf(pack), "docx": pack_docx(pack), "easy": easy_read.easy_read_pdf(pack)}


def render_pack_downloads(quarter: str) -> None:
    """Offer the board pack for the quarter: built on request (it takes a few seconds), then three downloads."""
    st.header("Board pack")
    st.caption(
        "A4 PDF for the SEND Board: cover, what improved and slipped, this scorecard, the headline Impact, Reach, "
        "Action plan and Quality charts with their numbers, and where every number came from. Also as a Word "
        "document to edit, and an easy read for children, young people and parent carers."
    )
    if not chromium_available():
        st.info(NO_CHROMIUM)
    if st.button(f"Prepare the board pack for {quarter}", key="pack_build", icon=":material/picture_as_pdf:"):
        with st.spinner("Building the pack: charts are drawn as images, which takes a few seconds."):
            st.session_state[FILES_KEY] = (quarter, ui.cached(pack_files)(quarter))
    built = st.session_state.get(FILES_KEY)
    if not built or built[0] != quarter:
        return
    files, stem = built[1], quarter.replace(" ", "-")
    left, middle, right = st.columns(3)
    left.download_button("Board pack (PDF)", files["pdf"], f"board_pack_{stem}.pdf", "application/pdf",
                         key="pack_pdf", icon=":material/download:")  # fmt: skip
    middle.download_button("Board pack (Word)", files["docx"], f"board_pack_{stem}.docx",
                           "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           key="pack_docx", icon=":material/download:")  # fmt: skip
    right.download_button("Easy read (PDF)", files["easy"], f"you_told_us_we_did_{stem}.pdf", "application/pdf",
                          key="pack_easy", icon=":material/download:")  # fmt: skip


def render_easy_read(quarter: str) -> None:
    """Show the easy read "You told us, we did" on the page, large type, one idea at a time, with its reading age."""
    entries = ui.cached(quality.feedback_entries)(None, "0000-00 Q1", quarter, dt.date.today())
    items = easy_read.ideas(entries, ui.cached(scorecard.scorecard_rows)(quarter, None))
    age = easy_read.reading_age(items)
    with st.expander('Easy read: "You told us, we did"'):
        st.caption(f"Reading age: about {age} years (Flesch-Kincaid, textstat). For the Local Offer site.")
        user = auth.current_user()
        if age > easy_read.READING_AGE_TARGET and user and auth.can(user.role, "officer"):
            st.warning(f"The reading age is above {easy_read.READING_AGE_TARGET}: shorten the responses' sentences.")
        for idea in items:
            st.markdown(f"### {idea.heading}")
            st.markdown("\n\n".join(f"#### {plain(s)}" for s in idea.sentences))
