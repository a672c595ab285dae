"""Sections of pages/action_plan.py, drawn in order.

Which actions are on track, which are slipping and since when, and what was said about them.
"""

import datetime as dt

import streamlit as st

from impact.domain import downloads
from impact.domain.periods import shift_quarter
from impact.queries import actions as queries
from impact.views import auth, chart_summaries, filter_state, ui
from impact.views.chart_block import (
    chart_block,
    key_column_pinned,
    provenance_caption,
    set_filters_in_force,
    with_filters_in_force,
)
from impact.views.charts import action_tables as tables
from impact.views.charts import actions as charts
from pipelines import action_updates

# Long text columns get room; the rest size to their content.
WIDTHS = {"Title": "medium", "Latest note": "large"}
ACTION_KEY, RECORDED_KEY = "action_plan_action", "action_plan_recorded"


def render_filters() -> tuple[str, queries.ActionFilters]:
    """Show the quarter and the filters; the quarter and workstreams are the shared ones, kept in the address."""
    choices = ui.cached(queries.filter_choices)()
    left, right = st.columns([1, 4])
    with left:
        quarter = ui.quarter_picker()
    with right:
        workstreams = ui.workstream_picker()
    filter_state.show_notices()
    group, lead, plan = st.columns(3)
    groups = group.multiselect("Accountable group", choices["groups"], placeholder="All groups")
    leads = lead.multiselect("Lead role", choices["leads"], placeholder="All leads")
    plans = plan.multiselect("Plan", choices["plans"], placeholder="All plans")
    chosen = [f"Quarter: {quarter}", f"Workstream: {', '.join(workstreams) or 'all'}"]
    chosen += [f"{name}: {', '.join(values)}" for name, values in [("Group", groups), ("Lead", leads), ("Plan", plans)]
               if values]  # fmt: skip
    set_filters_in_force("; ".join(chosen))  # carried by every CSV on the page
    return quarter, queries.ActionFilters(tuple(workstreams), tuple(groups), tuple(leads), tuple(plans))


def download(frame, name: str, label: str = "Download this table (CSV)") -> None:
    provenance_caption(("actions", "action_updates"))
    st.download_button(
        label,
        downloads.csv_bytes(with_filters_in_force(frame)),
        file_name=name,
        mime="text/csv",
        key=f"download_{name}",
    )


def show_table(frame, name: str) -> None:
    """Show a table with long text columns kept readable, and its download."""
    config_ = {column: st.column_config.TextColumn(width=width) for column, width in WIDTHS.items() if column in frame}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=key_column_pinned(frame) | config_)
    download(frame, name)


def render_summary(quarter: str, filters: queries.ActionFilters) -> None:
    overview = ui.cached(queries.quarter_overview)(quarter, filters)  # the quarter's tables, from one query
    counts, by_workstream = overview["counts"], overview["by_workstream"]
    st.markdown(charts.summary_sentence(counts, quarter, by_workstream))
    on_track = counts.on_track
    tiles = st.columns(4)
    tiles[0].metric("On track or complete", f"{on_track.percent:.0f}%" if counts.updated else "-")
    tiles[0].caption(f"{on_track.positive} of {counts.updated} actions updated in {quarter} (n={counts.updated}).")
    tiles[1].metric("Red (off track)", counts.red)
    tiles[1].caption(f"{counts.amber} more amber (at risk).")
    tiles[2].metric("Overdue", counts.overdue)
    tiles[2].caption(f"Past their due date and not complete; {counts.overdue_red} of them red.")
    tiles[3].metric("No update this quarter", counts.no_update)
    tiles[3].caption("Started, not complete, and nothing recorded for the quarter.")
    if not counts.updated:
        return
    st.header("Actions by rating in each workstream")
    st.caption("Each bar is a workstream; the numbers are actions at each rating in the quarter.")
    chart_block(
        charts.rag_by_workstream_chart(by_workstream),
        chart_summaries.rating_takeaway(by_workstream),
        chart_summaries.rating_table(by_workstream),
        f"actions_by_rating_{quarter}.csv",
        "actions-by-rating",
        name=f"actions by rating in each workstream, {quarter}",
    )
    render_off_track(quarter, filters)
    render_changes(quarter, filters)


def render_off_track(quarter: str, filters: queries.ActionFilters) -> None:
    st.header(f"Off track (red) or at risk (amber) in {quarter}")
    overview = ui.cached(queries.quarter_overview)(quarter, filters)
    off_track = overview["off_track"]
    st.caption(
        "Since when: the first quarter of the current run at this rating, and of the current run of red or amber "
        "ratings. The latest note is what the lead said this quarter. " + charts.off_track_sentence(off_track, quarter)
    )
    if not off_track.empty:
        # A static table: every note is read in full, which is what the group comes for.
        table = tables.off_track_table(off_track)
        st.table(tables.static_view(table, tables.OFF_TRACK_SHOWN))
        download(table, f"actions_off_track_{quarter}.csv", "Download this table with progress and dates (CSV)")
    st.header("Overdue")
    overdue = overview["overdue"]
    st.caption(f"Actions whose due date passed by the end of {quarter} and that are not complete.")
    if overdue.empty:
        st.write("No action is overdue.")
    else:
        show_table(tables.overdue_table(overdue), f"actions_overdue_{quarter}.csv")
    missing = overview["missing"]
    if not missing.empty:
        st.warning(f"{len(missing)} started action(s) have no update for {quarter}; ask their leads.")
        show_table(tables.missing_updates_table(missing), f"actions_without_update_{quarter}.csv")


def render_changes(quarter: str, filters: queries.ActionFilters) -> None:
    st.header(f"What changed since {shift_quarter(quarter, -1)}")
    changes = ui.cached(queries.quarter_overview)(quarter, filters)["changes"]
    for column, (heading, lines) in zip(st.columns(3), tables.change_lists(changes).items(), strict=True):
        with column:
            st.markdown(f"**{heading}**")
            st.markdown("\n".join(f"- {line}" for line in lines) if lines else "None.")
    if not changes.empty:
        download(tables.changes_table(changes), f"actions_changes_{quarter}.csv")


def render_timeline(quarter: str, filters: queries.ActionFilters) -> None:
    timeline = ui.cached(queries.quarter_overview)(quarter, filters)["timeline"]
    st.caption(
        f"Each bar runs from an action's start date to its due date, coloured and labelled with its rating in "
        f"{quarter}. The dashed line is today: a bar ending left of it that is not complete is overdue."
    )
    chart_block(
        charts.timeline_chart(timeline, dt.date.today()),
        chart_summaries.timeline_takeaway(timeline),
        chart_summaries.timeline_numbers(timeline),
        f"action_timeline_{quarter}.csv",
        "action-timeline",
        name=f"timeline of actions from start to due date, rated in {quarter}",
    )


def render_action(quarter: str, filters: queries.ActionFilters) -> None:
    if message := st.session_state.pop(RECORDED_KEY, None):
        st.success(message)
    options = ui.cached(queries.quarter_overview)(quarter, filters)["chosen"]
    titles = dict(zip(options["action_code"], options["title"], strict=True))
    if st.session_state.get(ACTION_KEY) not in titles:
        st.session_state.pop(ACTION_KEY, None)
    code = st.selectbox("Action", list(titles), key=ACTION_KEY, format_func=lambda c: f"{c} {titles[c]}")
    details = ui.cached(queries.action_details)(code).iloc[0]
    st.header(f"{code}: {details['title']}")
    st.caption(tables.escape_markdown(charts.action_caption(details)))
    rating = ui.cached(queries.action_rating)(code, quarter)
    st.markdown(charts.action_status_sentence(rating, quarter))
    st.markdown("**History, quarter by quarter**")
    updates = ui.cached(queries.action_history)(code)
    history = tables.history_table(updates)
    st.caption(
        "Every update is kept. A later update for the same quarter corrects an earlier one; a withdrawn update "
        "stays here but no longer counts."
    )
    st.table(tables.static_view(history, list(history.columns[1:]), index="Quarter"))
    download(history, f"action_history_{code}.csv")
    render_linked_indicators(details["workstream"], quarter)
    render_linked_feedback(code)
    render_record_form(code, history)
    render_withdraw_form(code, updates)


def render_linked_indicators(workstream: str, quarter: str) -> None:
    st.markdown(f"**Survey indicators for {ui.workstream_label(workstream)}**")
    indicators = ui.cached(queries.linked_indicators)(workstream, quarter)
    st.caption(
        "Questions the surveys tie to this action's workstream: the share answering positively in the latest "
        f"wave up to {quarter}, with its base. Don't know and blanks are left out of the base."
    )
    if indicators.empty:
        st.write("No survey question is linked to this workstream yet.")
        return
    show_table(tables.indicators_table(indicators), f"indicators_{workstream}_{quarter}.csv")


def render_linked_feedback(code: str) -> None:
    st.markdown("**You said, we did**")
    st.caption(
        'What children, young people and parent carers told us ("you said") that this action answers, what was '
        'done ("we did"), and whether that was told back to them. Officers record these on the Quality page.'
    )
    items = ui.cached(queries.action_feedback)(code)
    if items.empty:
        st.write("No items linked to this action yet.")
        return
    st.markdown(tables.feedback_sentence(items))
    table = tables.feedback_table(items)
    # A static table so each theme and response is read in full; officers' text is escaped (st.table renders markdown).
    st.table(tables.static_view(table, list(table.columns[1:]), index="Ref"))
    download(table, f"you_said_we_did_{code}.csv")


def render_record_form(code: str, history) -> None:
    user = auth.current_user()
    if user is None or not auth.can(user.role, "officer"):
        st.caption("Officers can record this action's quarterly update here.")
        return
    latest = history.iloc[0] if not history.empty else None
    statuses, ratings = action_updates.accepted_values("status"), action_updates.accepted_values("rag")
    with st.expander(f"Record an update for {code}"), st.form(f"record_update_{code}"):
        st.caption(
            "Adds this quarter's update. Nothing is overwritten: an update for a quarter that already has one "
            "becomes the one that counts, and the earlier one stays in the history as corrected."
        )
        quarter = st.selectbox("Quarter", action_updates.recent_quarters(dt.date.today()), key=f"quarter_{code}")
        left, middle, right = st.columns(3)
        status = left.selectbox("Status", statuses, _index(statuses, latest, "Status"), key=f"status_{code}")
        rag = middle.selectbox("RAG rating", ratings, _index(ratings, latest, "Rating"), key=f"rag_{code}")
        start = int(latest["% complete"]) if latest is not None else 0
        percent = right.number_input("Percent complete", 0, 100, start, step=5, key=f"percent_{code}")
        note = st.text_area("Note", max_chars=1000, help="What happened. No names of children.", key=f"note_{code}")
        role = st.text_input("Your role", placeholder="e.g. Participation Officer", key=f"role_{code}")
        submitted = st.form_submit_button("Record update", type="primary")
    if submitted:
        with ui.writing() as con:
            result = action_updates.record_action_update(
                con, code, quarter, status, rag, percent, note, role, auth.who(user)
            )
        if result.ok:
            corrected = " It replaces the earlier update for that quarter, which stays in the history."
            st.session_state[RECORDED_KEY] = f"Recorded the {quarter} update for {code}." + (
                corrected if result.corrects_earlier else ""
            )
            st.rerun()
        st.error(
            "The update was not recorded:\n\n"
            + "\n".join(f"- {tables.escape_markdown(action_updates.form_message(p))}" for p in result.problems)
        )


def render_withdraw_form(code: str, updates) -> None:
    """Let an officer withdraw a mistaken update: it stays in the history, marked withdrawn, and stops counting."""
    user = auth.current_user()
    live = updates[~updates["is_withdrawn"].astype(bool)]
    if user is None or not auth.can(user.role, "officer") or live.empty:
        return
    labels = {
        int(row.update_id): f"{row.quarter}: {row.rag}, {row.status}, recorded {row.updated_at:%d %b %Y %H:%M}"
        for row in live.itertuples()
    }
    with st.expander(f"Withdraw a mistaken update for {code}"), st.form(f"withdraw_update_{code}"):
        chosen = st.selectbox("Update", list(labels), format_func=labels.get, key=f"withdraw_{code}")
        reason = st.text_input("Why it is withdrawn (required)", max_chars=300, key=f"withdraw_reason_{code}")
        submitted = st.form_submit_button("Withdraw this update")
    if submitted:
        try:
            with ui.writing() as con:
                message = action_updates.withdraw_update(con, chosen, reason, auth.who(user))
        except ValueError as error:
            st.error(str(error))
            return
        st.session_state[RECORDED_KEY] = message
        st.rerun()


def _index(options: list[str], latest, column: str) -> int:
    return options.index(latest[column]) if latest is not None and latest[column] in options else 0


def render_inspection_areas(quarter: str, filters: queries.ActionFilters) -> None:
    st.caption(
        "The 2019 SEND inspection's 18 development areas (IDA) and 3 additional areas (ADD), the groups "
        f"accountable for each, and the ratings in {quarter} of the actions linked to them. The workstream "
        "filter keeps the areas of the chosen workstreams; the other filters narrow the actions counted."
    )
    areas = ui.cached(queries.inspection_areas)(quarter, filters)
    st.markdown(charts.inspection_sentence(areas))
    table = tables.inspection_table(areas)
    st.table(tables.static_view(table, list(table.columns[1:]), index="Area"))
    download(table, f"inspection_areas_{quarter}.csv")


def nothing_to_show(quarter: str | None, filters: queries.ActionFilters) -> bool:
    """Say why when no action matches (none loaded, or the filters leave none); return True if so."""
    if quarter is not None and not ui.cached(queries.quarter_overview)(quarter, filters)["chosen"].empty:
        return False
    unfiltered = filters == queries.ActionFilters()
    st.info("No action plan has been loaded yet: an officer can load one on the Upload page." if unfiltered
            else "No actions match these filters: clear one to see more.")  # fmt: skip
    return True
