"""How every Impact and Reach chart is drawn: its takeaway, the chart, and the numbers behind it to view or download."""

import re

import pandas as pd
import streamlit as st

from impact.domain.downloads import csv_bytes

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$~|#])")


def plain(text: str) -> str:
    """Return text with Markdown's special characters escaped, so data values never turn into formatting."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def takeaway(text: str) -> None:
    """Show a chart's one-line takeaway."""
    st.markdown(f"**{plain(text)}**")


def chart_block(figure, summary: str, numbers: pd.DataFrame, file_name: str, key: str) -> None:
    """Show the takeaway, the chart, and a "show the numbers" table with a CSV of exactly that table."""
    if summary:
        takeaway(summary)
    st.plotly_chart(figure, width="stretch", key=key, config={"displaylogo": False})
    numbers_expander(numbers, file_name, key)


def numbers_expander(numbers: pd.DataFrame, file_name: str, key: str) -> None:
    """Show the numbers behind a chart in an expander, with a CSV download of that same table."""
    with st.expander("Show the numbers"):
        st.dataframe(numbers, hide_index=True, width="stretch")
        st.download_button(
            "Download these numbers (CSV)",
            csv_bytes(numbers),
            file_name=file_name,
            mime="text/csv",
            key=f"{key}-csv",
            icon=":material/download:",
        )
