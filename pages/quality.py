"""Quality: were our involvement activities good, and how were children, young people and parent carers involved?"""

import streamlit as st

from impact.views import ui
from impact.views.routing import through_app
from impact.views.sections import quality as sections

through_app()
st.title("Quality")
st.caption(
    "Were our involvement activities good, and how were children, young people and parent carers involved? "
    "Activities on the ladder of participation, who takes part, the annual participation audit, and "
    '"you said, we did".'
)
if ui.empty_state():
    st.stop()
filters = sections.render_filters()
if filters is None:
    st.info("No activities or feedback themes have been loaded yet: upload them, or record a theme below.")
    sections.render_forms_for_officers()
    st.stop()
audit_year = sections.audit_year(filters)
sections.render_at_a_glance(filters, audit_year)
sections.render_ladder(filters)
sections.render_participants(filters)
sections.render_accessibility(filters)
sections.render_audit(audit_year)
sections.render_feedback_loop(filters)
sections.render_forms_for_officers()
