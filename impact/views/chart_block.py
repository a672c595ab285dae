"""How every Impact and Reach chart is drawn: its takeaway, the chart, and the numbers behind it to view or download."""

import re

import pandas as pd
import streamlit as st

from impact.domain.downloads import csv_bytes
from impact.queries.provenance import inputs_sentence, provenance_sentence
from impact.views import auth, ui

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$~|#])")
FILTERS_KEY = "chart_block_filters_in_force"


def plain(text: str) -> str:
    """Return text with Markdown's special characters escaped, so data values never turn into formatting."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def takeaway(text: str) -> None:
    """Show a chart's one-line takeaway."""
    st.markdown(f"**{plain(text)}**")


def set_filters_in_force(description: str) -> None:
    """Remember this run's filters (as the page states them) so every CSV below carries them."""
    st.session_state[FILTERS_KEY] = description


def chart_block(figure, summary: str, numbers: pd.DataFrame, file_name: str, key: str) -> None:
    """Show the takeaway, the chart, where its numbers came from, and a "show the numbers" table with its CSV."""
    if summary:
        takeaway(summary)
    st.plotly_chart(figure, width="stretch", key=key, config={"displaylogo": False})
    provenance_caption()
    numbers_expander(numbers, file_name, key)


def provenance_caption(kinds: tuple[str, ...] = ()) -> None:
    """Say where the numbers came from (surveys and waves, or the named inputs) and the latest load; officers also
    get a link to the load history."""
    sentence = ui.cached(inputs_sentence)(kinds) if kinds else ui.cached(provenance_sentence)()
    st.caption(plain(sentence))
    user = auth.current_user()
    if user and auth.can(user.role, "officer"):
        try:
            st.page_link("pages/upload.py", label="Load history", icon=":material/history:")
        except st.errors.StreamlitPageNotFoundError:  # a page run on its own (not through app.py) has no navigation
            st.caption("The load history is on the Upload page.")


def numbers_expander(numbers: pd.DataFrame, file_name: str, key: str) -> None:
    """Show the numbers behind a chart in an expander, with a CSV download of that same table."""
    with st.expander("Show the numbers"):
        st.dataframe(numbers, hide_index=True, width="stretch")
        in_force = st.session_state.get(FILTERS_KEY)
        st.download_button(
            "Download these numbers (CSV)",
            csv_bytes(numbers.assign(**{"Filters in force": in_force}) if in_force else numbers),
            file_name=file_name,
            mime="text/csv",
            key=f"{key}-csv",
            icon=":material/download:",
        )
