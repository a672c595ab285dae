"""Impact: What has happened as a result?"""

import streamlit as st

from impact import ui
from impact.routing import through_app

through_app()

st.title("Impact")
st.caption(
    "What has happened as a result? "
    "Each indicator, such as feeling listened to, as the share who agree, with its base and a 95% confidence interval."
)
if ui.empty_state():
    st.stop()
st.info("This page is being built: the full view is coming in a later release.")
