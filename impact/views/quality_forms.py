"""The officers' forms on the Quality page: a new "you said, we did" theme, a response, an audit rating.

Every form saves through pipelines/records.py, so it is checked by the same rules as an uploaded file.
Until sign-in and roles arrive (issue 6) the officer types their role; these forms must then be limited to
officers.
"""

import datetime as dt

import streamlit as st

from impact import config
from impact.domain.periods import financial_year
from impact.queries import quality as queries
from impact.views import ui
from impact.views.quality_summary import md
from pipelines import records
from pipelines.quality_inputs import SOURCE_LABELS, audit_priorities, indicator_labels

NONE = "(none)"
NEW_SERVICE = "A service not listed: type its name below"
OWN_PRIORITY = "The service's own priority: type it below"
SAVED = "quality_saved_message"


def render_officer_forms() -> None:
    """Show the three forms in an expander, with the outcome of the last save."""
    with st.expander('For officers: record a "you said, we did" theme, a response or an audit rating'):
        st.caption(
            "Each record is checked by the same rules as an uploaded file and kept with your role and the time; "
            "nothing is overwritten. Only officers see these forms."
        )
        if message := st.session_state.pop(SAVED, None):
            st.success(message)
        theme, response, audit = st.tabs(["New theme", "Record a response", "Audit rating"])
        with theme:
            _theme_form()
        with response:
            _response_form()
        with audit:
            _audit_form()


def _theme_form() -> None:
    actions = ui.cached(queries.action_choices)()
    indicators = indicator_labels()
    with st.form("quality_new_theme", clear_on_submit=False):
        said = st.text_area("You said (the theme of the feedback)", max_chars=500, key="quality_theme_said")
        left, right = st.columns(2)
        source = left.selectbox(
            "Where it was raised", list(SOURCE_LABELS), format_func=SOURCE_LABELS.get, key="quality_theme_source"
        )
        raised_by = right.selectbox(
            "Raised by", ["Everyone", "Young person", "Parent carer", "Professional"], key="quality_theme_raised_by"
        )
        raised = left.date_input(
            "Date raised",
            value=dt.date.today(),
            max_value=dt.date.today(),
            format="DD/MM/YYYY",
            key="quality_theme_date",
        )
        titles = dict(actions)
        action = right.selectbox(
            "Linked action",
            [NONE, *titles],
            format_func=lambda c: c if c == NONE else f"{c}: {titles[c]}",
            key="quality_theme_action",
        )
        indicator = left.selectbox(
            "Indicator it should move",
            [NONE, *indicators],
            format_func=lambda k: indicators.get(k, k),
            key="quality_theme_indicator",
        )
        workstream = right.selectbox(
            "Workstream", [NONE, *config.WORKSTREAMS], format_func=_workstream_choice, key="quality_theme_workstream"
        )
        role = st.text_input("Your role (required)", placeholder="e.g. Participation officer", key="quality_theme_role")
        if st.form_submit_button("Save the theme"):
            fields = {
                "theme": said,
                "source": source,
                "date_raised": raised,
                "raised_by": None if raised_by == "Everyone" else raised_by,
                "action_code": _chosen(action),
                "indicator": _chosen(indicator),
                "workstream": _chosen(workstream),
            }
            with ui.writing() as con:
                _show(records.add_feedback_theme(con, fields, role))


def _response_form() -> None:
    themes = ui.cached(queries.feedback_theme_choices)()
    if not themes:
        st.info("No themes yet: add one under New theme.")
        return
    labels = {ref: f"{ref}: {theme[:80]}" + ("" if answered else " (waiting)") for ref, theme, answered in themes}
    with st.form("quality_response"):
        ref = st.selectbox(
            "Theme (those waiting first)", list(labels), format_func=labels.get, key="quality_response_ref"
        )
        did = st.text_area("We did (what changed because of it)", max_chars=500, key="quality_response_did")
        left, right = st.columns(2)
        when = left.date_input(
            "Date responded",
            value=dt.date.today(),
            max_value=dt.date.today(),
            format="DD/MM/YYYY",
            key="quality_response_date",
        )
        fed_back = right.radio(
            "Fed back to those who raised it?", ["Yes", "No"], horizontal=True, key="quality_response_fed_back"
        )
        role = st.text_input("Your role (required)", key="quality_response_role")
        if st.form_submit_button("Save the response"):
            fields = {"response": did, "date_responded": when, "fed_back": fed_back}
            with ui.writing() as con:
                _show(records.record_response(con, ref, fields, role))


def _audit_form() -> None:
    services = ui.cached(queries.audit_services)()
    priorities = audit_priorities()
    this_year = financial_year(dt.date.today())
    years = sorted({this_year, *ui.cached(queries.audit_years)()}, reverse=True)
    with st.form("quality_audit"):
        left, right = st.columns(2)
        service = left.selectbox("Service or setting", [*services, NEW_SERVICE], key="quality_audit_service")
        new_service = right.text_input(
            "New service name (only for a service not listed)", key="quality_audit_new_service"
        )
        year = left.selectbox("Audit year", years, key="quality_audit_year")
        rating = right.radio(
            "Where are we?",
            ["Embedded", "In progress", "Not started", "Not applicable"],
            horizontal=True,
            key="quality_audit_rating",
        )
        code = st.selectbox(
            "Priority",
            [*priorities, OWN_PRIORITY],
            format_func=lambda c: c if c == OWN_PRIORITY else f"{c}: {priorities[c]['text']}",
            key="quality_audit_priority",
        )
        own = st.text_input("The service's own priority (only when chosen above)", key="quality_audit_own")
        actions = st.text_area("Required actions", max_chars=500, key="quality_audit_actions")
        steps = st.text_area("Next steps", max_chars=500, key="quality_audit_steps")
        role = st.text_input("Your role (required)", key="quality_audit_role")
        if st.form_submit_button("Save the rating"):
            is_own = code == OWN_PRIORITY
            fields = {
                "service": new_service if service == NEW_SERVICE else service,
                "audit_year": year,
                "priority": own if is_own else code,
                "own_priority": "Yes" if is_own else None,
                "rating": rating,
                "required_actions": actions,
                "next_steps": steps,
            }
            with ui.writing() as con:
                _show(records.record_audit_rating(con, fields, role))


def _workstream_choice(code: str) -> str:
    return "(the linked action's)" if code == NONE else ui.workstream_label(code)


def _chosen(value: str) -> str | None:
    return None if value == NONE else value


def _show(result: records.RecordResult) -> None:
    if result.saved:
        st.session_state[SAVED] = result.message
        st.rerun()
    st.error(result.message)
    for problem in result.problems:
        st.markdown(f"- {md(problem)}")
