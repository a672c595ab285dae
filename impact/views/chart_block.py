"""How every chart is drawn: its takeaway, the chart, and the numbers behind it to view or download."""

import re

import pandas as pd
import streamlit as st

from impact.domain.downloads import csv_bytes
from impact.queries.provenance import inputs_sentence, provenance_sentence
from impact.views import auth, ui
from impact.views.charts.theme import readable_labels

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$~|#])")
FILTERS_KEY = "chart_block_filters_in_force"
# No plotly toolbar: its eight buttons were eight tab stops per chart and covered the legend on a phone; the
# numbers table under each chart has its own CSV download. Responsive so the chart follows the screen's width.
CHART_CONFIG = {"displayModeBar": False, "displaylogo": False, "responsive": True}


def plain(text: str) -> str:
    """Return text with Markdown's special characters escaped, so data values never turn into formatting."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def takeaway(text: str) -> None:
    """Show a chart's one-line takeaway."""
    st.markdown(f"**{plain(text)}**")


def set_filters_in_force(description: str) -> None:
    """Remember this run's filters (as the page states them) so every CSV below carries them."""
    st.session_state[FILTERS_KEY] = description


def forget_filters_in_force() -> None:
    """Start each run with no filters in force, so a CSV never carries another page's filters."""
    st.session_state.pop(FILTERS_KEY, None)


def with_filters_in_force(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the table with a "Filters in force" column when the page has stated its filters."""
    in_force = st.session_state.get(FILTERS_KEY)
    return frame.assign(**{"Filters in force": in_force}) if in_force else frame


def chart_block(figure, summary: str, numbers: pd.DataFrame, file_name: str, key: str, name: str = "") -> None:
    """Show the takeaway, the chart, where its numbers came from, and a "show the numbers" table with its CSV."""
    if summary:
        takeaway(summary)
    draw_chart(figure, chart_name(name, summary), key)
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


def chart_name(name: str, summary: str = "") -> str:
    """Return the chart's accessible name: what it shows, then its takeaway, pointing to the table."""
    parts = [f"Chart: {name}." if name else "Chart.", summary, "The numbers are in the table below the chart."]
    return " ".join(part for part in parts if part)


def draw_chart(figure, name: str, key: str | None = None) -> None:
    """Draw a figure in the dashboard's own template (not Streamlit's), without a toolbar, named for screen readers."""
    st.plotly_chart(readable_labels(figure), width="stretch", key=key, theme=None, config=CHART_CONFIG, alt=name)


def numbers_expander(numbers: pd.DataFrame, file_name: str, key: str, label: str = "Download these numbers (CSV)"):
    """Show the numbers behind a chart in an expander, with a CSV download of that same table."""
    with st.expander("Show the numbers"):
        st.dataframe(numbers, hide_index=True, width="stretch", column_config=key_column_pinned(numbers))
        st.download_button(
            label,
            csv_bytes(with_filters_in_force(numbers)),
            file_name=file_name,
            mime="text/csv",
            key=f"{key}-csv",
            icon=":material/download:",
        )


def key_column_pinned(frame: pd.DataFrame) -> dict:
    """Return a column config that keeps a table's first (key) column in view when it scrolls sideways on a phone."""
    if frame.columns.empty:
        return {}
    return {frame.columns[0]: st.column_config.Column(pinned=True)}
