"""Scorecard: the SEND Board's measures against their milestones and targets, with the board pack to download."""

import streamlit as st

from impact.reports import app_downloads
from impact.views import ui
from impact.views.routing import through_app
from impact.views.sections import scorecard as sections

through_app()
st.title("Scorecard")
st.caption(
    "Each measure the board follows: where it started, the milestone due this quarter, where it is now, the target, "
    "and a rating against the milestone. Filter by workstream; download the board pack for the quarter."
)
if ui.empty_state():
    st.stop()
quarter, workstream = sections.render_filters()
if quarter is None:
    st.stop()
sections.render_scorecard(quarter, workstream)
sections.render_load_history_link()
app_downloads.render_pack_downloads(quarter)
app_downloads.render_easy_read(quarter)
sections.render_editor(quarter)
