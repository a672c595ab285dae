"""Admin: who has which role, the settings in force, retention, backup, and the audit log of every change."""

import streamlit as st

from impact.views import auth
from impact.views.routing import through_app
from impact.views.sections import admin as sections

through_app()
admin = auth.require("admin")
st.title("Admin")
st.caption(
    "Roles, settings, retention, backup and the audit trail. Every load, removal, update and setting change is "
    "logged here."
)
sections.render_roles(admin)
sections.render_settings(admin)
sections.render_retention(admin)
sections.render_backup(admin)
sections.render_audit_log()
