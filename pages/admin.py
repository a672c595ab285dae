"""Admin: who has which role, the settings in force, and the audit log of every change."""

import streamlit as st

from impact import audit, auth, config, ui
from impact.routing import through_app

through_app()

admin = auth.require("admin")
st.title("Admin")
st.caption("Roles, settings and the audit trail. Every load, removal, update and setting change is logged here.")

st.subheader("Roles")
rules = auth.load_rules()
st.caption(f"Roles file: {auth.roles_path().name}. " + "; ".join(f"{r}: {d}" for r, d in auth.WHAT_ROLES_DO.items()))
st.dataframe(
    [{"Email": email, "Role": role} for email, role in (rules.get("users") or {}).items()],
    hide_index=True,
    width="stretch",
)
with st.form("role"):
    email = st.text_input("Email")
    role = st.selectbox("Role", [*auth.ROLES, "none"], help="none removes the person's role")
    if st.form_submit_button("Save role") and email.strip():
        auth.save_user_role(email.strip(), role)
        con = ui.connection()
        audit.record(con, admin.email or admin.name, "setting", f"Role of {email.strip()} set to {role}")
        st.success(f"{email.strip()} is now: {role}.")

st.subheader("Settings in force")
st.table(
    {
        "Setting": ["Counts shown as c", "Smallest base for a percentage", "Retention period", "Database"],
        "Value": [
            f"1 to {config.SUPPRESS_BELOW - 1}",
            str(config.MIN_BASE_FOR_PERCENT),
            f"{config.RETENTION_MONTHS} months",
            config.database_path().name,
        ],
    }
)

st.subheader("Audit log")
entries = audit.recent_entries(ui.connection())
if entries.empty:
    st.info("Nothing has been logged yet.")
else:
    st.dataframe(entries, hide_index=True, width="stretch")
