"""Sections of pages/upload.py, drawn in order.

The participation officer loads a survey export, sees what was found and what is wrong, then confirms.
"""

import streamlit as st

from impact import config
from impact.domain import downloads
from impact.store import load_history as queries
from impact.views import auth, ui
from impact.views.sections import upload_mapping as mapping_step
from impact.views.sections import upload_records as records
from pipelines import report
from pipelines.read import file_sha256


def officer_name() -> str:
    """Return who is loading, as the audit log records it: the signed-in identity, or in local mode the OS user."""
    who = auth.who(auth.require("officer"))
    st.caption(f"Loads and removals are recorded as {who}.")
    return who


def render_result() -> None:
    """Show what the last load or removal did, once."""
    if outcome := st.session_state.pop("upload_outcome", None):
        status, message = outcome
        show = st.success if status in ("loaded", "removed") else st.warning
        show(report.escape_markdown(message))
        if status == "loaded":
            st.page_link("pages/home.py", label="See it on the dashboard", icon=":material/home:")


def prepared_for(content: bytes, file_name: str, survey: str, wave: str | None, profile=None):
    """Return the file prepared for review, reusing it across reruns until the file, survey, wave or mapping change."""
    from pipelines.ingest import prepare
    from pipelines.profiles import to_yaml

    choices = to_yaml([profile]) if profile else ""
    key = (file_sha256(content), survey, wave, st.session_state.get("mapping_version", 0), choices)
    cache = st.session_state.setdefault("prepared", {})
    if key not in cache:
        cache.clear()
        with st.spinner("Reading and checking the file..."):
            cache[key] = prepare(ui.connection(), content, file_name, survey, wave, profile=profile)
    return cache[key]


def render_columns(prepared, officer: str) -> None:
    """Show what happens to each column, and let the officer map the ones nothing matched."""
    review, columns = prepared.review, report.column_table(prepared)
    stored = int((columns["Stored as"] != "not stored").sum())
    with st.expander(f"Columns: {stored} stored, {len(columns) - stored} not stored", expanded=bool(review.unknown)):
        st.dataframe(columns, hide_index=True, width="stretch")
    if review.unknown:
        render_mapping_form(prepared, officer)


def render_mapping_form(prepared, officer: str) -> None:
    """Let the officer say what each unrecognised column is; the choice is saved for every later export."""
    from pipelines.surveys import column_choices, save_column_choice

    review = prepared.review
    choices = column_choices(review.mapping, set(prepared.matched.values()))
    st.markdown("**Columns this survey does not know yet**")
    st.caption(
        "These columns will not be stored. Say what each one is and your choice is saved and used for every "
        "later export of this survey. Columns that identify a person are never offered."
    )
    with st.form("map_columns"):
        picked = {
            header: st.selectbox(
                report.escape_markdown(header),
                list(choices),
                index=None,
                format_func=choices.get,
                placeholder="Leave it out for now",
                help="Answers such as: " + "; ".join(review.unknown_examples.get(header, [])),
            )
            for header in review.unknown
        }
        saved = st.form_submit_button("Save these choices", disabled=not officer)
    if saved and any(picked.values()):
        for header, choice in picked.items():
            if choice:
                with ui.writing() as con:
                    save_column_choice(con, prepared.kind, header, choice, officer)
        st.session_state["mapping_version"] = st.session_state.get("mapping_version", 0) + 1
        st.rerun()


def render_checks(prepared) -> None:
    """Show the preview, the validation report and the rows that will be left out."""
    st.markdown("**Preview**")
    st.caption(
        "Each response as it will be stored. Free text is shown as it will be stored: names, emails and phone "
        "numbers removed. Identifying columns are not shown and never stored."
    )
    st.dataframe(report.preview(prepared), hide_index=True, width="stretch")
    problems = report.problem_table(prepared)
    st.markdown("**Checks**")
    if problems.empty:
        st.success("Every row passed the checks: required answers present, ages 0 to 25, answers from the allowed "
                   "lists, dates in the wave and not in the future, response IDs unique.")  # fmt: skip
    else:
        st.warning(f"{report.plural(len(prepared.rejected_rows), 'row')} broke a rule. Each rule that failed:")
        st.dataframe(problems, hide_index=True, width="stretch")
    left_out = report.left_out_rows(prepared)
    if not left_out.empty:
        st.markdown("**Rows that will be left out**")
        st.dataframe(left_out, hide_index=True, width="stretch")
        st.download_button(
            "Download the rows left out (CSV)",
            downloads.csv_bytes(left_out),
            file_name=f"{prepared.file_name.rsplit('.', 1)[0]}_rows_left_out.csv",
            mime="text/csv",
        )


def render_confirm(prepared, officer: str) -> None:
    """Ask the officer to confirm, choosing between the good rows and nothing when some rows have problems."""
    from pipelines.ingest import commit

    st.write(report.summary(prepared))
    choice = records.GOOD_ROWS
    if prepared.rejected_rows:
        choice = records.good_rows_or_nothing(len(prepared.good_frame), "leaving the rows with problems out")
    new = (~prepared.good_frame["source_response_id"].isin(prepared.review.known_ids)).sum()
    ready = bool(officer) and choice == records.GOOD_ROWS and new > 0
    if st.button(f"Load {report.plural(int(new), 'response')}", type="primary", disabled=not ready):
        with ui.writing() as con:
            result = commit(con, prepared, officer, load_good_rows=choice == records.GOOD_ROWS)
        finish(result.status, result.message)


def finish(status: str, message: str) -> None:
    """Forget the file, refresh every cached number and show the outcome after the rerun."""
    st.cache_data.clear()
    st.session_state["upload_outcome"] = (status, message)
    st.session_state.pop("prepared", None)
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    st.rerun()


def render_upload(officer: str) -> None:
    """Upload a file, confirm its survey and wave, review it, then load it."""
    st.header("1. Choose the file")
    upload = st.file_uploader(
        "A survey export or another input (CSV or Excel), as downloaded or from a template",
        type=["csv", "xlsx", "txt"],
        key=f"export_{st.session_state.get('upload_round', 0)}",
        max_upload_size=config.MAX_UPLOAD_MB,
    )
    if upload is None:
        st.caption("SurveyMonkey, Microsoft Forms, Google Forms, SmartSurvey and Excel files are all read as exported; "
                   "so are action plans, action updates, activities, audit returns, \"you said, we did\", the "
                   "population baseline and the DfE's caseload.csv.")  # fmt: skip
        records.render_templates()  # where the officer starts: not in the way once a file is chosen
        return
    content = upload.getvalue()
    survey = records.choose_input(content, upload.name)
    if survey is None:
        return
    if survey not in config.SURVEYS:  # every other input: impact/views/sections/upload_records.py
        records.render_records(content, upload.name, survey, officer)
        return
    profile = mapping_step.chosen_profile(content, upload.name, survey)
    wave = st.session_state.get(f"wave_{file_sha256(content)}_{survey}")
    prepared = prepared_for(content, upload.name, survey, wave, profile)
    st.info(report.escape_markdown(report.detected(prepared)))
    for note in prepared.review.notes:
        st.caption(report.escape_markdown(note))
    if prepared.earlier_load:
        upload_id, name, when = prepared.earlier_load
        st.warning(f"This exact file was already loaded (load {upload_id}, {when:%d %b %Y %H:%M}): nothing to add.")
        return
    if prepared.review.mapping is None:  # unreadable: nothing to map
        st.error(report.escape_markdown(prepared.file_problems[0].sentence()) + " Nothing has been saved.")
        return
    st.header("2. Check what was found")
    mapping_step.render_file_choices(prepared, content)
    render_columns(prepared, officer)
    mapping_step.render_answers(prepared, content)
    mapping_step.render_save_profile(prepared, content, profile, officer)
    if prepared.file_problems:
        st.error(report.escape_markdown(prepared.file_problems[0].sentence()) + " Nothing has been saved.")
        return
    render_checks(prepared)
    st.header("3. Load it")
    render_confirm(prepared, officer)


def render_history(officer: str) -> None:
    """List every load; let the officer remove a load (a survey load: exactly its responses) after confirming."""
    from pipelines.load import remove_upload

    st.header("Upload history")
    history = ui.cached(queries.upload_history)()
    if history.empty:
        st.info("Nothing has been loaded yet.")
        return
    st.caption("Every load, newest first. Removing a survey load deletes exactly the responses it added; removing a "
               "load of another input puts back exactly what was there before it.")  # fmt: skip
    st.dataframe(
        history,
        hide_index=True,
        width="stretch",
        column_config={"When": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")},
    )
    loads = ui.cached(queries.removable_loads)()
    labels = {
        row.upload_id: f"Load {row.upload_id}: {row.file_name} ({row.responses} responses, {row.loaded_at:%d %b %Y})"
        for row in loads.itertuples()
    }
    chosen = st.selectbox("Remove a survey load", list(labels), index=None, format_func=labels.get,
                          placeholder="Choose a load to remove")  # fmt: skip
    if chosen is not None:
        row = loads.set_index("upload_id").loc[chosen]
        st.warning(
            f"This deletes the {row.responses} responses and {row.answers} answers that load {chosen} added. "
            "It cannot be undone, but the same file can be loaded again."
            + (f" It keeps the {row.kept} responses that another load also contains." if row.kept else "")
        )
        sure = st.checkbox(f"Yes, remove load {chosen}")
        if st.button("Remove this load", disabled=not (sure and officer)):
            with ui.writing() as con:
                removed = remove_upload(con, int(chosen), officer)
            finish("removed", f"Removed load {chosen}: {removed} responses and their answers.")
    removed = ui.cached(queries.removed_loads)()
    if not removed.empty:
        with st.expander(f"Removed loads ({len(removed)})"):
            st.dataframe(removed, hide_index=True, width="stretch")
