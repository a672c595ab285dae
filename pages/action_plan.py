"""Action plan: Is the strategy's action plan on track?"""

import streamlit as st

from impact import ui
from impact.routing import through_app

through_app()

st.title("Action plan")
st.caption("Is the strategy's action plan on track? RAG status of every action by workstream for the quarter.")
if ui.empty_state():
    st.stop()
st.info("This page is being built: the full view is coming in a later release.")
