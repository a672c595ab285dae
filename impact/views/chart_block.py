"""How every chart is drawn: its takeaway, the chart, and the numbers behind it to view or download."""

import re

import pandas as pd
import streamlit as st

from impact.domain.downloads import csv_bytes
from impact.views.charts.theme import readable_labels

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$~|#])")
# No plotly toolbar: its eight buttons were eight tab stops per chart and covered the legend on a phone; the
# numbers table under each chart has its own CSV download. Responsive so the chart follows the screen's width.
CHART_CONFIG = {"displayModeBar": False, "displaylogo": False, "responsive": True}


def plain(text: str) -> str:
    """Return text with Markdown's special characters escaped, so data values never turn into formatting."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def takeaway(text: str) -> None:
    """Show a chart's one-line takeaway."""
    st.markdown(f"**{plain(text)}**")


def chart_block(figure, summary: str, numbers: pd.DataFrame, file_name: str, key: str, name: str = "") -> None:
    """Show the takeaway, the chart, and a "show the numbers" table with a CSV of exactly that table."""
    if summary:
        takeaway(summary)
    draw_chart(figure, chart_name(name, summary), key)
    numbers_expander(numbers, file_name, key)


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
            csv_bytes(numbers),
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
