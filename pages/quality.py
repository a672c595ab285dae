"""Quality: Were our involvement activities good, and how were people involved?"""

import streamlit as st

from impact import ui
from impact.routing import through_app

through_app()

st.title("Quality")
st.caption(
    "Were our involvement activities good, and how were people involved? "
    "Activities by level on the ladder of participation."
)
if ui.empty_state():
    st.stop()
st.info("This page is being built: the full view is coming in a later release.")
