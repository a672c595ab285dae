"""The admin page's sections (pages/admin.py lays them out): roles, settings in force, and the audit log."""

import streamlit as st

from impact import config
from impact.store import audit, settings
from impact.store.writer import transaction
from impact.views import auth, ui


def render_roles(admin) -> None:
    st.header("Roles")
    rules = auth.load_rules()
    st.caption(
        f"Roles file: {auth.roles_path().name}. " + "; ".join(f"{r}: {d}" for r, d in auth.WHAT_ROLES_DO.items())
    )
    people = [{"Email": email, "Role": role} for email, role in (rules.get("users") or {}).items()]
    if people:
        st.dataframe(people, hide_index=True, width="stretch")
    else:
        st.info("Nobody has been given a role by email yet: add people below (groups are set in the roles file).")
    with st.form("role"):
        email = st.text_input("Email")
        role = st.selectbox("Role", [*auth.ROLES, "none"], help="none removes the person's role")
        if st.form_submit_button("Save role") and email.strip():
            auth.save_user_role(email.strip(), role)
            with ui.writing() as con, transaction(con):
                audit.record(con, auth.who(admin), "setting", f"Role of {email.strip()} set to {role}")
            st.success(f"{email.strip()} is now: {role}.")


def render_settings(admin) -> None:
    st.header("Settings in force")
    st.caption("Defaults come from the server's environment; a value saved here overrides them for everyone.")
    with st.form("settings"):
        chosen = {
            s.key: st.number_input(
                s.label, min_value=s.low, max_value=s.high, value=getattr(config, s.attribute), step=1
            )
            for s in settings.SETTINGS
        }
        if st.form_submit_button("Save settings"):
            with ui.writing() as con:
                for key, value in chosen.items():
                    if value != getattr(config, settings.BY_KEY[key].attribute):
                        settings.change(con, key, value, auth.who(admin))
            st.cache_data.clear()
            st.success("Settings saved.")
    st.caption(f"Database: {config.database_path().name}.")


def render_audit_log() -> None:
    st.header("Audit log")
    entries = audit.recent_entries(ui.connection())
    if entries.empty:
        st.info("Nothing has been logged yet.")
    else:
        st.dataframe(entries, hide_index=True, width="stretch")
