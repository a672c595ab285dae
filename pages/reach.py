"""Reach: How do we include people, and who are we missing?"""

import streamlit as st

from impact.views import ui
from impact.views.chart_block import plain, set_filters_in_force
from impact.views.filter_bar import describe, filter_bar
from impact.views.routing import through_app
from impact.views.sections import reach as sections

through_app()
st.title("Reach")
st.caption(
    f"How do we include people, and who are we missing? Whether we reach more young people aged {sections.BAND}, "
    "reach as a "
    "rate of the local population, and who responds. Use the filters on the left to narrow the page."
)
if ui.empty_state():
    if sections.is_officer():
        with st.expander("Load the DfE baseline"):  # the baseline can come first, before any survey
            sections.render_dfe_upload(None)
    st.stop()
current = filter_bar()
st.caption(f"Showing: {plain(describe(current))}")
set_filters_in_force(describe(current))
sections.render_age_bands(current)
sections.render_rates(current)
sections.render_types(current)
sections.render_dfe()
