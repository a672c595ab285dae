"""The one filter bar the Impact and Reach pages share; its state is every page's (filter_state), so it is kept in the
address bar and follows the reader to the Action plan, Quality and Home."""

from dataclasses import replace

import streamlit as st

from impact import config
from impact.queries.filters import GRANULARITIES, GROUP_PARAMS, Filters, SharedState, clip_range, wave_range
from impact.views import filter_state, ui

# Widget keys; the address uses the shared names and codes of queries.filters.PARAMS (filter_state writes it).
KEYS = {
    "granularity": "by",
    "wave": "years",
    "quarter": "quarters",
    **GROUP_PARAMS,
}  # group widgets keyed as the address
MULTI_LABELS = {
    "surveys": ("Survey", "All surveys"),
    "respondent_types": ("Respondent type", "Everyone"),
    "age_bands": ("Age band", "All ages"),
    "primary_needs": ("Primary need", "All needs"),
    "support_levels": ("Support level", "EHC plan, SEN Support and others"),
    "localities": ("Locality", "All localities"),
}


def filter_bar() -> Filters:
    """Draw the filter bar in the sidebar and return what it selects (the shared state every page reads)."""
    options = ui.shared_options()
    state = filter_state.current(options)
    with st.sidebar:
        st.header("Filters")
        filter_state.show_notices()
        filter_state.seed(KEYS["granularity"], state.granularity)
        granularity = st.segmented_control(
            "Show by", list(GRANULARITIES), format_func=GRANULARITIES.get, required=True, key=KEYS["granularity"]
        )
        filter_state.drawn(KEYS["granularity"], granularity)
        state = _period(options, granularity, replace(state, granularity=granularity))
        for name, (label, placeholder) in MULTI_LABELS.items():
            filter_state.seed(KEYS[name], [v for v in state.group(name) if v in options[name]])
            values = st.multiselect(
                label,
                options[name],
                format_func=config.SURVEYS.get if name == "surveys" else str,
                placeholder=placeholder,
                key=KEYS[name],
            )
            filter_state.drawn(KEYS[name], values)
            state = state.with_group(name, values)
        filter_state.save(state)
        workstreams = ui.workstream_picker()
        st.button("Clear filters", on_click=_clear, key="clear_filters", width="stretch")
        st.caption(
            "These filters follow you to every page, and the address bar keeps them: copy it to share this view."
        )
    periods = options["waves"] if granularity == "wave" else options["quarters"]
    first, last = clip_range(state, periods, granularity) if periods else (Filters.first, Filters.last)
    if periods and granularity == "wave":
        first, last = wave_range(first, last)
    return Filters(
        first=first,
        last=last,
        granularity=granularity,
        workstream=workstreams,
        **{name: state.group(name) for name in MULTI_LABELS},
    )


def describe(filters: Filters) -> str:
    """Return the filters in one line, e.g. 'Years 2023-24 to 2025-26 · Workstream B4 · Age band: 12-16'."""
    unit = "Years" if filters.granularity == "wave" else "Quarters"
    first, last = filters.first, filters.last
    if filters.granularity == "wave":
        first, last = first[:7], last[:7]
    parts = [f"{unit} {first} to {last}" if first != last else f"{unit[:-1]} {first}"]
    if filters.workstream:
        plural = "s" if len(filters.workstream) > 1 else ""
        parts.append(f"Workstream{plural} {', '.join(ui.workstream_label(code) for code in filters.workstream)}")
    for name, (label, _) in MULTI_LABELS.items():
        values = getattr(filters, name)
        if values:
            shown = [config.SURVEYS.get(v, v) for v in values] if name == "surveys" else values
            parts.append(f"{label}: {', '.join(shown)}")
    return " · ".join(parts)


def _period(options: dict, granularity: str, state: SharedState) -> SharedState:
    """Draw the period slider (years or quarters) and return the state with its range (None at either end: all)."""
    periods = options["waves"] if granularity == "wave" else options["quarters"]
    if len(periods) < 2:
        return state
    key = KEYS[granularity]
    chosen = clip_range(state, periods, granularity)
    filter_state.seed(key, chosen)
    # The value only makes it a range slider: the seeded session state decides what it shows.
    first, last = st.select_slider(
        "Period",
        periods,
        value=chosen,
        key=key,
        help="UK financial years (April to March) and quarters (Q1 is April to June).",
    )
    filter_state.drawn(key, (first, last))
    if granularity == "wave":
        first, last = wave_range(first, last)
    everything = (first, last) == (
        (periods[0] + " Q1", periods[-1] + " Q4") if granularity == "wave" else tuple(periods)
    )
    # The whole range is "all": a link then shows whatever data there is, and other pages show their own whole range.
    return replace(state, first=None if everything else first, last=None if everything else last)


def _clear() -> None:
    kept = st.session_state.get(filter_state.STATE) or SharedState()
    filter_state.save(SharedState(quarter=kept.quarter))  # the quarter of Home and the Action plan is not a filter here
    for key in [*KEYS.values(), ui.WORKSTREAM_KEY]:
        st.session_state.pop(key, None)
