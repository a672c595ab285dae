"""Make sure every page runs through app.py, where sign-in and the role checks happen."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

ROUTED = "_routed_through_app"


def mark_routed() -> None:
    """Called by app.py on every run: this session's pages are reached through its navigation."""
    st.session_state[ROUTED] = True


def through_app() -> None:
    """Rerun through app.py if Streamlit ran this page directly from the pages/ folder.

    Streamlit treats a pages/ folder beside the main script as an old-style multipage app until the main
    script calls st.navigation. So the first visitor of a fresh server who opens /upload directly would run
    pages/upload.py without app.py's sign-in check. The flag below is the one st.navigation itself clears.
    """
    if PagesManager.uses_pages_directory and not st.session_state.get(ROUTED):
        PagesManager.uses_pages_directory = False
        st.rerun()
