"""Home: the quarter's headlines for the SEND Board, each with its base and its change."""

import streamlit as st

from impact.views import ui
from impact.views.routing import through_app
from impact.views.sections import home as sections

through_app()
st.title("SEND Impact Monitor")
st.caption(
    "Is our participation and co-production work reaching children, young people and parent carers, "
    "and is it changing things? Headlines for the quarter chosen below."
)
if ui.empty_state():
    st.stop()
quarter = ui.quarter_picker()
if quarter is None:  # only plans, activities or baselines loaded so far: no quarter has responses yet
    st.info("No survey responses are loaded yet, so there are no headlines. The other pages show what is loaded.")
    st.stop()
sections.render_headlines(quarter)
sections.render_responses_by_quarter(quarter)
