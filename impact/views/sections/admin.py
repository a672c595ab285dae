"""The admin page's sections (pages/admin.py lays them out): roles, settings in force, retention, backup and the
audit log."""

import datetime as dt

import streamlit as st

from impact import config
from impact.store import audit, settings
from impact.store.writer import transaction
from impact.views import auth, ui
from pipelines import maintenance, profiles

BACKUP_KEY = "admin_backup"  # (when taken, the file's bytes), kept for the download button
RETENTION_DONE_KEY = "admin_retention_done"  # what the last confirmed run said, shown after its rerun


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


def render_retention(admin) -> None:
    st.header("Retention")
    months = config.RETENTION_MONTHS
    cutoff = maintenance.retention_cutoff(months)
    st.caption(
        f"Responses and activities are kept for {months} months (a setting above). A retention run removes those "
        f"dated before {cutoff:%d %B %Y}, with their answers and attendance. Nothing is removed until you confirm."
    )
    if done := st.session_state.pop(RETENTION_DONE_KEY, None):
        (st.success if done[0] else st.warning)(done[1])
    effects = maintenance.retention_preview(ui.connection(), cutoff)
    if not any(effect.rows for effect in effects):
        st.info(f"Nothing is dated before {cutoff:%d %b %Y}: a retention run would remove nothing.")
        return
    st.markdown("**What a retention run would remove now**")
    st.dataframe(
        [
            {"What": e.table, "Rows removed": e.rows, "Oldest date": f"{e.oldest:%d %b %Y}" if e.oldest else ""}
            for e in effects
        ],
        hide_index=True,
    )
    st.button(
        f"Remove data dated before {cutoff:%d %b %Y}",
        key="retention_confirm",
        type="primary",
        icon=":material/delete_forever:",
        help="Removes the rows counted above for good (keep a backup first); the run is written to the audit log.",
        on_click=_apply_retention,
        args=(cutoff, tuple(effects), auth.who(admin)),
    )


def _apply_retention(cutoff: dt.date, shown: tuple, who: str) -> None:
    # A callback runs before the page is drawn again, so the preview after it shows what is left.
    with ui.writing() as con:
        # Only what the admin saw is removed: if a load or another run changed it meanwhile, ask again.
        if tuple(maintenance.retention_preview(con, cutoff)) != shown:
            st.session_state[RETENTION_DONE_KEY] = (False, "The data changed since the preview; nothing was removed. "
                                                    "Check the new preview and confirm again.")  # fmt: skip
            return
        removed = maintenance.remove_older_than(con, cutoff, who)
    summary = ", ".join(f"{count} {table}" for table, count in removed.items())
    st.session_state[RETENTION_DONE_KEY] = (True, f"Removed data dated before {cutoff:%d %b %Y}: {summary}.")


def render_backup(admin) -> None:
    st.header("Backup")
    st.caption(
        "A copy of the whole database as one DuckDB file, taken while the dashboard keeps running; restore it with "
        "`python -m pipelines restore FILE`. It holds everything people said: keep it where personal data may be "
        "kept. The mapping profiles (how each survey's export layout is read) download as YAML, to share or keep."
    )
    if st.button("Prepare a backup", key="backup_prepare", icon=":material/backup:"):
        with st.spinner("Copying the database."):
            ui.end_run()  # the copy takes the readers' lock itself; holding this run's too could block a waiting writer
            content = maintenance.backup_bytes(config.database_path())
        st.session_state[BACKUP_KEY] = (dt.datetime.now(), content)
        with ui.writing() as con, transaction(con):
            audit.record(con, auth.who(admin), "backup", f"Backup taken for download ({len(content) / 1e6:.1f} MB)")
    left, right = st.columns(2)
    if built := st.session_state.get(BACKUP_KEY):
        left.download_button(
            f"Download the backup taken at {built[0]:%H:%M}",
            built[1],
            file_name=f"impact-backup-{built[0]:%Y%m%d-%H%M%S}.duckdb",
            mime="application/octet-stream",
            key="backup_download",
            icon=":material/download:",
        )
    right.download_button(
        "Download the mapping profiles (YAML)",
        profiles.to_yaml(profiles.all_profiles(ui.connection())),
        file_name="mapping_profiles.yaml",
        mime="application/yaml",
        key="profiles_download",
        icon=":material/download:",
    )
