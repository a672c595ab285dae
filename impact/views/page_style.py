"""The dashboard's one stylesheet, for what Streamlit's theme cannot set: focus outlines, caption contrast,
wrapping tile labels and tables (docs/accessibility.md)."""

from pathlib import Path

import streamlit as st

# A constant file, never formatted with data: the only HTML the app sends (tests/test_free_text.py allows just this).
STYLESHEET = Path(__file__).with_name("accessibility.css")


def apply() -> None:
    """Load the stylesheet into the page (Streamlit puts a style-only st.html where it takes no space)."""
    st.html(STYLESHEET)
