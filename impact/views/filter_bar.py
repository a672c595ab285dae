"""The one filter bar the Impact and Reach pages share, kept in the address bar so a view can be shared."""

import streamlit as st

from impact import config
from impact.queries.filters import GRANULARITIES, Filters, filter_options, wave_range
from impact.views import ui

ALL = "All workstreams"
# Widget keys are also the query parameter names, e.g. ?workstream=B4&age=12-16&age=17-19.
KEYS = {
    "granularity": "by",
    "wave": "years",
    "quarter": "quarters",
    "surveys": "survey",
    "respondent_types": "who",
    "age_bands": "age",
    "primary_needs": "need",
    "support_levels": "support",
    "localities": "area",
    "workstream": "workstream",
}
MULTI_LABELS = {
    "surveys": ("Survey", "All surveys"),
    "respondent_types": ("Respondent type", "Everyone"),
    "age_bands": ("Age band", "All ages"),
    "primary_needs": ("Primary need", "All needs"),
    "support_levels": ("Support level", "EHC plan, SEN Support and others"),
    "localities": ("Locality", "All localities"),
}
BOUND = {"bind": "query-params", "persist_state": "session"}


def filter_bar() -> Filters:
    """Draw the filter bar in the sidebar and return what it selects."""
    options = ui.cached(filter_options)()
    with st.sidebar:
        st.header("Filters")
        # Bound widgets put the option as shown into the address bar, so options are the words people read.
        shown_by = st.segmented_control(
            "Show by",
            list(GRANULARITIES.values()),
            default=GRANULARITIES["wave"],
            required=True,
            key=KEYS["granularity"],
            **BOUND,
        )
        granularity = {label: name for name, label in GRANULARITIES.items()}[shown_by]
        first, last = _period(options, granularity)
        chosen = {}
        for name, (label, placeholder) in MULTI_LABELS.items():
            chosen[name] = st.multiselect(
                label,
                options[name],
                format_func=config.SURVEYS.get if name == "surveys" else str,
                placeholder=placeholder,
                key=KEYS[name],
                **BOUND,
            )
        workstream = st.selectbox(
            "Workstream",
            [ALL, *(ui.workstream_label(code) for code in options["workstreams"])],
            key=KEYS["workstream"],
            help="Narrows indicators to the questions tagged with the workstream, and activities and actions to it.",
            **BOUND,
        )
        st.button("Clear filters", on_click=_clear, args=(options,), key="clear_filters", width="stretch")
        st.caption("The address bar keeps these filters: copy it to share this view.")
    return Filters(
        first=first,
        last=last,
        granularity=granularity,
        workstream=None if workstream == ALL else workstream.split(" ")[0],
        **{name: tuple(values) for name, values in chosen.items()},
    )


def describe(filters: Filters) -> str:
    """Return the filters in one line, e.g. 'Years 2023-24 to 2025-26 · Workstream B4 · Age band: 12-16'."""
    unit = "Years" if filters.granularity == "wave" else "Quarters"
    first, last = filters.first, filters.last
    if filters.granularity == "wave":
        first, last = first[:7], last[:7]
    parts = [f"{unit} {first} to {last}" if first != last else f"{unit[:-1]} {first}"]
    if filters.workstream:
        parts.append(f"Workstream {ui.workstream_label(filters.workstream)}")
    for name, (label, _) in MULTI_LABELS.items():
        values = getattr(filters, name)
        if values:
            shown = [config.SURVEYS.get(v, v) for v in values] if name == "surveys" else values
            parts.append(f"{label}: {', '.join(shown)}")
    return " · ".join(parts)


def _period(options: dict, granularity: str) -> tuple[str, str]:
    periods = options["waves"] if granularity == "wave" else options["quarters"]
    if not periods:
        return Filters.first, Filters.last
    if len(periods) == 1:
        first = last = periods[0]
    else:
        first, last = st.select_slider(
            "Period",
            periods,
            value=(periods[0], periods[-1]),
            key=KEYS[granularity],
            help="UK financial years (April to March) and quarters (Q1 is April to June).",
            **BOUND,
        )
    return wave_range(first, last) if granularity == "wave" else (first, last)


def _clear(options: dict) -> None:
    for name in MULTI_LABELS:
        st.session_state[KEYS[name]] = []
    st.session_state[KEYS["workstream"]] = ALL
    for granularity, periods in (("wave", options["waves"]), ("quarter", options["quarters"])):
        if len(periods) > 1:
            st.session_state[KEYS[granularity]] = (periods[0], periods[-1])
