"""Reach: How do we include people, and who are we missing?"""

import streamlit as st

from impact import ui
from impact.routing import through_app

through_app()

st.title("Reach")
st.caption(
    "How do we include people, and who are we missing? Respondents by age band, with 12-16 year olds highlighted."
)
if ui.empty_state():
    st.stop()
st.info("This page is being built: the full view is coming in a later release.")
