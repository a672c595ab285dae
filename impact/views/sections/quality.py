"""Sections of pages/quality.py, drawn in order.

Were our involvement activities good, and how were children, young people and parent carers involved?
"""

import datetime as dt
from dataclasses import replace

import streamlit as st

from impact.queries import quality as queries
from impact.queries.filters import clip_range
from impact.views import audit_summary, auth, chart_block, chart_summaries, feedback_summary, filter_state, ui
from impact.views import quality_summary as summary
from impact.views.chart_block import draw_chart, numbers_expander, provenance_caption
from impact.views.charts import quality as charts
from impact.views.quality_forms import render_officer_forms

PERIOD_KEY = "quality_period"
QUALITY_INPUTS = ("activities", "audit", "feedback_loop", "big_bang", "involvement")


def render_filters() -> tuple[tuple[str, ...], str, str] | None:
    """Show the workstream and period filters (the shared ones, kept in the address); return (workstreams, first,
    last), workstreams empty for all."""
    quarters = ui.cached(queries.quality_quarters)()
    if not quarters:
        return None
    left, right = st.columns([1, 2])
    with left:
        workstreams = ui.workstream_picker()
    state = filter_state.current(ui.shared_options())
    if len(quarters) > 1:
        chosen = clip_range(state, quarters, "quarter")
        filter_state.seed(PERIOD_KEY, chosen)
        first, last = right.select_slider(
            "Period (UK financial quarters: Q1 is April to June)", options=quarters, value=chosen, key=PERIOD_KEY
        )
        filter_state.drawn(PERIOD_KEY, (first, last))
    else:
        first = last = quarters[0]
    if (first, last) != clip_range(state, quarters, "quarter"):
        # Saved only when the reader moved the slider: a range chosen elsewhere (in years, or wider than this page's
        # quarters) stays as it was chosen.
        everything = (first, last) == (quarters[0], quarters[-1])
        filter_state.save(replace(state, first=None if everything else first, last=None if everything else last))
    filter_state.show_notices()
    chart_block.set_filters_in_force(
        f"Workstream: {', '.join(workstreams) or 'all'}; quarters {first} to {last}"  # carried by every CSV below
    )
    return workstreams, first, last


def show_numbers(table, name: str) -> None:
    """Show the table behind a chart, with a CSV download of exactly it."""
    provenance_caption(QUALITY_INPUTS)
    numbers_expander(table, f"{name}.csv", f"download_{name}", label="Download CSV")


def takeaway(text: str) -> None:
    st.markdown(f"**{text}**")


def render_at_a_glance(filters, audit_year) -> None:
    levels = ui.cached(queries.activities_by_level)(*filters)
    by_service = ui.cached(queries.audit_by_service)(audit_year) if audit_year else None
    totals = ui.cached(queries.feedback_overview)(*filters, dt.date.today())["totals"]
    tiles = summary.at_a_glance(levels, by_service, audit_year, totals)
    for column, tile in zip(st.columns(len(tiles)), tiles, strict=True):
        with column, st.container(border=True):
            st.metric(tile.label, tile.value)
            st.caption(tile.caption)


def render_ladder(filters) -> None:
    st.header('Is practice moving from "doing to" and "doing for" towards "doing with"?')
    st.caption(
        "Each activity by its rung on the ladder of participation: doing to (coercion, education, informing), "
        "doing for (consultation, engagement), doing with (co-design, co-production, the golden standard)."
    )
    levels = ui.cached(queries.activities_by_level)(*filters)
    takeaway(summary.ladder_takeaway(levels))
    if not levels.empty:
        draw_chart(charts.ladder_over_time_chart(levels), "Chart: activities on each rung of the ladder, by quarter.")
        show_numbers(summary.ladder_table(levels), "activities_by_ladder_level")
    by_workstream = ui.cached(queries.doing_with_by_workstream)(*filters)
    if not by_workstream.empty:
        st.markdown("**Share of each workstream's activities at co-design or co-production**")
        takeaway(summary.workstream_takeaway(by_workstream))
        draw_chart(
            charts.doing_with_chart(by_workstream), "Chart: share of each workstream's activities done with people."
        )
        show_numbers(summary.workstream_table(by_workstream), "doing_with_by_workstream")


def render_participants(filters) -> None:
    st.header("Who takes part in each kind of activity?")
    st.caption(
        "Attendances by group: someone who came to five forums counts five times. A group that appears only under "
        '"doing to" or "doing for" is only ever informed or consulted. Counts of 1 to 4 are shown as c.'
    )
    attendance = ui.cached(queries.attendance_by_group)(*filters)
    takeaway(summary.participation_takeaway(attendance))
    if not attendance.empty:
        cells = summary.participation_cells(attendance)
        draw_chart(charts.participation_chart(cells), "Chart: attendances by group and kind of activity.")
        show_numbers(summary.participation_table(cells), "attendance_by_group")


def render_accessibility(filters) -> None:
    st.header("Were activities accessible, and what changed because of them?")
    st.caption("For each activity: was there an easy read version, was the venue accessible, was the time suitable.")
    access = ui.cached(queries.accessibility)(*filters)
    takeaway(summary.accessibility_takeaway(access))
    if access["activities"].sum():
        draw_chart(charts.accessibility_chart(access), "Chart: how many activities were accessible, by measure.")
        show_numbers(summary.accessibility_table(access), "accessibility")
    outcomes = ui.cached(queries.activity_outcomes)(*filters)
    if not outcomes.empty:
        takeaway(summary.outcomes_takeaway(outcomes))
        st.dataframe(summary.outcomes_table(outcomes), hide_index=True, width="stretch", height=260)


def render_audit(year: str | None) -> None:
    st.header("Participation audit: which services lag behind?")
    st.caption(
        "Each service rates each priority of the participation audit tool once a year. The audit is by service, "
        "so the workstream filter does not apply; the period picks the latest audit year it reaches."
    )
    if year is None:
        st.info("No participation audit has been loaded yet: upload one, or record ratings below.")
        return
    by_service = ui.cached(queries.audit_by_service)(year)
    not_returned = ui.cached(queries.audit_not_returned)(year)
    takeaway(audit_summary.audit_takeaway(by_service, not_returned, year))
    if not not_returned.empty:
        names = ", ".join(
            f"{summary.md(r.service)} (last returned {r.last_returned})" for r in not_returned.itertuples()
        )
        st.warning(f"Not returned for {year}: {names}", icon=":material/assignment_late:")
    draw_chart(charts.audit_services_chart(by_service, year), f"Chart: participation audit ratings by service, {year}.")
    show_numbers(audit_summary.services_table(by_service, year), f"audit_by_service_{year}")
    st.markdown(f"**Every priority, {year}: the rating and its change from the year before**")
    grid = ui.cached(queries.audit_grid)(year)
    draw_chart(charts.audit_grid_chart(grid), f"Chart: every audit priority's rating by service, {year}.")
    show_numbers(audit_summary.audit_table(grid), f"audit_{year}")


def render_feedback_loop(filters) -> None:
    st.header('You said, we did: which feedback is still waiting for a "we did"?')
    st.caption(
        "Themes of feedback from the surveys and the Local Offer, by the quarter they were raised: "
        "whether each has had a response and whether that was fed back to the people who raised it."
    )
    feedback = ui.cached(queries.feedback_overview)(*filters, dt.date.today())  # one query for the section
    totals, entries = feedback["totals"], feedback["entries"]
    takeaway(feedback_summary.feedback_takeaway(totals, entries))
    if not totals["raised"]:
        return
    cells = st.columns(4)
    median = "-" if totals["median_days"] is None else f"{totals['median_days']:.0f}"
    for cell, (label, value) in zip(
        cells,
        [
            ("Themes raised", totals["raised"]),
            ("Responded to", totals["responded"]),
            ("Fed back", totals["fed_back"]),
            ("Median days to respond", median),
        ],
        strict=True,
    ):
        cell.metric(label, value)
    by_quarter = feedback["by_quarter"]
    st.markdown("**Themes by the quarter they were raised**")
    takeaway(chart_summaries.feedback_quarter_takeaway(by_quarter))
    draw_chart(charts.feedback_by_quarter_chart(by_quarter), "Chart: feedback themes by quarter raised and status.")
    show_numbers(chart_summaries.feedback_quarter_table(by_quarter), "themes_by_quarter")
    waiting = feedback_summary.waiting_table(entries)
    if not waiting.empty:
        st.markdown('**Still waiting for a "we did"**')
        st.dataframe(waiting, hide_index=True, width="stretch")
    show_numbers(feedback_summary.feedback_table(entries), "you_said_we_did")
    render_indicator_moves(filters)


def render_indicator_moves(filters) -> None:
    st.markdown("**Did the indicator move for the group that raised it?**")
    st.caption(
        "The indicator each response should move, for the group that raised the theme: in the survey wave when it "
        "was raised and the first wave after the response. Percentages agree, with their base; a change is called "
        "significant at the 95% level."
    )
    moves = ui.cached(queries.indicator_moves)(*filters)
    takeaway(feedback_summary.moves_takeaway(moves))
    if moves["change_points"].notna().any():
        draw_chart(charts.indicator_moves_chart(moves), "Chart: each indicator when raised and after the response.")
    if not moves.empty:
        show_numbers(feedback_summary.moves_table(moves), "indicator_moves")


def render_forms_for_officers() -> None:
    """Officers record themes, responses and audit ratings here; other roles do not see the forms."""
    user = auth.current_user()
    if user and auth.can(user.role, "officer"):
        render_officer_forms()


def audit_year(filters) -> str | None:
    """Return the participation audit year that goes with the chosen period."""
    return audit_summary.audit_year_for(ui.cached(queries.audit_years)(), filters[2])
