"""SEND Impact Monitor: the entry point sets up the page, signs the user in, and routes by role."""

import streamlit as st

from impact.store import settings
from impact.views import auth, chart_block, page_style, routing, ui

APP_NAME = "SEND Impact Monitor"
st.set_page_config(page_title=APP_NAME, page_icon=":bar_chart:", layout="wide")
page_style.apply()
routing.mark_routed()

user = auth.current_user()
if user is None:
    st.title("SEND Impact Monitor")
    if auth.sign_in_configured():
        st.write("Sign in with your council account to see the dashboard.")
        st.button("Sign in", on_click=st.login, type="primary")
    else:
        st.error("Sign-in is not configured, so the dashboard only opens on the computer it runs on (localhost).")
    st.stop()

pages = {
    "Board": [
        st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("pages/impact.py", title="Impact", icon=":material/trending_up:"),
        st.Page("pages/reach.py", title="Reach", icon=":material/groups:"),
        st.Page("pages/scorecard.py", title="Scorecard", icon=":material/scoreboard:"),
    ],
    "Performance": [
        st.Page("pages/action_plan.py", title="Action plan", icon=":material/checklist:"),
        st.Page("pages/quality.py", title="Quality", icon=":material/stairs:"),
    ],
}
data_pages = []
if auth.can(user.role, "officer"):
    data_pages.append(st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:"))
if auth.can(user.role, "admin"):
    data_pages.append(st.Page("pages/admin.py", title="Admin", icon=":material/admin_panel_settings:"))
if data_pages:
    pages["Data"] = data_pages
pages["Help"] = [st.Page("pages/glossary.py", title="Glossary", icon=":material/menu_book:")]

with st.sidebar:
    if user.mode == "local":
        st.caption(f"**Local mode** ({user.role}): one user on this computer, no sign-in configured.")
    elif user.role is None:
        st.warning("You are signed in but have no role yet. Ask an admin to add you.")
    else:
        st.caption(f"Signed in as {user.name} ({user.role}).")
        st.button("Sign out", on_click=st.logout)
if user.role is None:
    st.stop()
try:
    settings.apply(ui.connection())  # an admin's saved thresholds hold for everyone, from the next run on
    chart_block.forget_filters_in_force()  # each page states its own filters for its CSVs
    page = st.navigation(pages)
    st.set_page_config(page_title=f"{page.title} · {APP_NAME}")  # the browser tab names the page (WCAG 2.4.2)
    page.run()
finally:
    ui.end_run()  # the database is held only while a run reads it, so the command line can write between runs
