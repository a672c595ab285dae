"""Impact: What has happened as a result?"""

import streamlit as st

from impact.views import ui
from impact.views.chart_block import plain, set_filters_in_force
from impact.views.filter_bar import describe, filter_bar
from impact.views.routing import through_app
from impact.views.sections import impact as sections

through_app()
st.title("Impact")
st.caption(
    "What has happened as a result? Whether people feel listened to and see change, for whom, and what Local Offer "
    "users tell us. Use the filters on the left to narrow the page to a workstream, period or group."
)
if ui.empty_state():
    st.stop()
current = filter_bar()
st.caption(f"Showing: {plain(describe(current))}")
set_filters_in_force(describe(current))
sections.render_indicators(current)
sections.render_split(current)
sections.render_local_offer(current)
sections.render_what_changed(current)
