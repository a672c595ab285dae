"""Sections of pages/scorecard.py: the board's measures against their milestones, and the officer's editor."""

import streamlit as st

from impact import config
from impact.domain import downloads
from impact.domain.scorecard import EDITABLE
from impact.queries import provenance
from impact.queries import scorecard as queries
from impact.views import auth, ui
from impact.views.chart_block import plain
from impact.views.charts import scorecard as tables

ALL = "All workstreams"
EDITED_KEY = "scorecard_edited"


def render_filters() -> tuple[str | None, str | None]:
    """Show the quarter and workstream; return (quarter, workstream or None for all)."""
    left, right = st.columns([1, 3])
    with left:
        quarter = ui.quarter_picker()
    options = [ALL, *config.WORKSTREAMS]
    workstream = right.selectbox("Workstream", options, key="scorecard_workstream",
                                 format_func=lambda c: c if c == ALL else ui.workstream_label(c))  # fmt: skip
    return quarter, None if workstream == ALL else workstream


def filters_in_force(quarter: str, workstream: str | None) -> str:
    """Return the filters as a reader sees them."""
    return f"Quarter {quarter}; " + (ui.workstream_label(workstream) if workstream else ALL)


def render_scorecard(quarter: str, workstream: str | None) -> None:
    rows = ui.cached(queries.scorecard_rows)(quarter, workstream)
    if not rows:
        st.info("No scorecard measure belongs to this workstream.")
        return
    st.markdown(f"**{plain(tables.summary_sentence(rows, quarter))}**")
    render_flags(rows)
    table = tables.scorecard_table(rows)
    st.dataframe(
        table.assign(Sparkline=tables.trend_values(rows)),
        hide_index=True,
        width="stretch",
        column_config={
            "Sparkline": st.column_config.LineChartColumn("Trend (chart)", width="small"),
            "Commentary": st.column_config.TextColumn(width="large"),
        },
    )
    st.caption(
        "RAG compares the actual with the milestone due by the quarter, in words as well as colour: on track (met), "
        "close (short by no more than the measure's tolerance), off track. Survey measures use the latest whole "
        "year; counts of 1-4 are shown as c and no figure is given on too small a base, as on every page. "
        + ui.cached(provenance.provenance_sentence)()
    )
    csv = downloads.csv_with_filters(table, filters_in_force(quarter, workstream))
    st.download_button("Download the scorecard (CSV)", csv, file_name=f"scorecard_{quarter}.csv", mime="text/csv",
                       key="scorecard-csv", icon=":material/download:")  # fmt: skip
    with st.expander("What each measure means"):
        st.dataframe(tables.definitions_table(rows), hide_index=True, width="stretch")


def render_flags(rows) -> None:
    """Tell officers which red measures have no commentary for the quarter (the board expects one on every red)."""
    user = auth.current_user()
    missing = [r.measure.name for r in rows if r.needs_commentary]
    if missing and user and auth.can(user.role, "officer"):
        st.warning(
            "Red without a commentary: " + plain("; ".join(missing)) + ". Add one below before the pack goes out.",
            icon=":material/flag:",
        )


def render_load_history_link() -> None:
    """Officers can open the history of every load the figures came from."""
    user = auth.current_user()
    if user and auth.can(user.role, "officer"):
        st.page_link("pages/upload.py", label="Load history (Upload page)", icon=":material/history:")


def render_editor(quarter: str) -> None:
    """Officers change a measure's commentary, target, milestone or baseline; each edit is kept and audited."""
    user = auth.current_user()
    if user is None or not auth.can(user.role, "officer"):
        return
    if message := st.session_state.pop(EDITED_KEY, None):
        st.success(message)
    measures = ui.cached(queries.scorecard_measures)()
    names = {m.id: m.name for m in measures}
    with st.expander("Edit a measure (officers)"), st.form("scorecard_edit"):
        st.caption("Commentary first: every red measure needs one. Edits are kept with your role and in the audit log.")
        measure_id = st.selectbox("Measure", list(names), format_func=names.get, key="edit_measure")
        left, middle = st.columns(2)
        field = left.selectbox("What to change", EDITABLE[::-1], key="edit_field")
        for_quarter = middle.text_input("Quarter (commentary or milestone)", quarter, key="edit_quarter")
        value = st.text_area("New value or commentary", max_chars=1500, key="edit_value",
                             help="A number for a target, milestone or baseline. No names, please.")  # fmt: skip
        role = st.text_input("Your role", placeholder="e.g. Participation Officer", key="edit_role")
        submitted = st.form_submit_button("Save", type="primary")
    if submitted:
        from pipelines.scorecard_edits import record_edit

        try:
            # The audit log records the signed-in identity (or the OS user in local mode), not the typed role.
            with ui.writing() as con:
                record_edit(con, measures, measure_id, field, for_quarter, value, role, auth.who(auth.current_user()))
        except ValueError as error:
            st.error(f"Not saved: {error}")
            return
        st.session_state[EDITED_KEY] = f"Saved the {field} of {names[measure_id]}."
        st.rerun()
