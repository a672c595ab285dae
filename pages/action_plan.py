"""Action plan: which actions are on track, which are slipping and since when, and what was said about them."""

import streamlit as st

from impact.views import ui
from impact.views.routing import through_app
from impact.views.sections import action_plan as sections

through_app()
st.title("Action plan")
st.caption(
    "Are the strategy's action plans on track? Every action of the participation action plan, the workstream "
    "delivery plans and the post-inspection plan, rated red (off track), amber (at risk), green (on track) or "
    "complete by its lead each quarter."
)
if ui.empty_state():
    st.stop()
chosen_quarter, chosen_filters = sections.render_filters()
if sections.nothing_to_show(chosen_quarter, chosen_filters):
    st.stop()
summary_tab, timeline_tab, action_tab, areas_tab = st.tabs(
    ["Summary", "Timeline", "One action", "Inspection development areas"]
)
with summary_tab:
    sections.render_summary(chosen_quarter, chosen_filters)
with timeline_tab:
    sections.render_timeline(chosen_quarter, chosen_filters)
with action_tab:
    sections.render_action(chosen_quarter, chosen_filters)
with areas_tab:
    sections.render_inspection_areas(chosen_quarter, chosen_filters)
