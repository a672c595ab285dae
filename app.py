"""SEND Impact Monitor: the entry point only sets up the page and routes to the chosen page."""

import streamlit as st

st.set_page_config(page_title="SEND Impact Monitor", page_icon=":bar_chart:", layout="wide")

navigation = st.navigation(
    {
        "Board": [
            st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
            st.Page("pages/impact.py", title="Impact", icon=":material/trending_up:"),
            st.Page("pages/reach.py", title="Reach", icon=":material/groups:"),
        ],
        "Performance": [
            st.Page("pages/action_plan.py", title="Action plan", icon=":material/checklist:"),
            st.Page("pages/quality.py", title="Quality", icon=":material/stairs:"),
        ],
        "Data": [st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:")],
    }
)
navigation.run()
