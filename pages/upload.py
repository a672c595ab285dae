"""Upload: the participation officer loads a survey export, sees what was found and what is wrong, then confirms."""

import streamlit as st

from impact.views.routing import through_app
from impact.views.sections import upload as sections
from impact.views.sections import upload_records as records

through_app()
st.title("Upload")
st.caption(
    "Load a survey export straight from the survey tool, or an action plan, action updates, activities, audit "
    'returns, "you said, we did", the population baseline or the DfE\'s caseload.csv. You will see what will change '
    "and any problem before anything is saved, and you can remove a load afterwards."
)
officer = sections.officer_name()
sections.render_result()
sections.render_upload(officer)
sections.render_history(officer)
records.render_undo(officer)
