"""Sections of pages/reach.py, drawn in order.

How do we include people, and who are we missing?
"""

import streamlit as st

from impact import config
from impact.domain import measures
from impact.queries import reach as queries
from impact.queries import scorecard
from impact.queries.filters import Filters
from impact.views import auth, takeaways, ui
from impact.views.chart_block import chart_block, plain
from impact.views.charts import reach as charts
from pipelines import dfe_baseline

BOUND = {"bind": "query-params", "persist_state": "session"}
BAND = config.TARGET_AGE_BAND
LOCAL, DFE = "Local baseline", "DfE EHC plans"
POPULATION_HELP = (
    "Local baseline: children and young people with an EHC plan or on SEN Support, by locality (loaded as a CSV). "
    "DfE EHC plans: the active EHC plans the DfE published for the area, by age; respondents with an EHC plan only."
)


def render_age_bands(filters: Filters) -> None:
    st.header(f"Young people reached, by age band ({BAND} highlighted)")
    st.caption(
        f"The strategy aims to reach more young people aged {BAND}. Young people who answered a survey themselves, "
        "and attendances by young people at participation activities, by age band. Young people whose age is not "
        "known are left out; ages given only as a band (such as 11-15) are kept as given."
    )
    if filters.respondent_types and "Young person" not in filters.respondent_types:
        st.info("The respondent type filter leaves out young people.")
        return
    # The targets are scorecard measures (Scorecard page), set per year: drawn when the page is read by year.
    responded_target = scorecard_target("young_people_12_16_responding", filters)
    attended_target = scorecard_target("attendances_12_16", filters)
    st.caption("Targets are set on the Scorecard page, per year; they are drawn when the page is read by year.")
    responded = measures.shown_counts(ui.cached(queries.young_people_by_age_band)(filters), "n", "period")
    if responded.empty:
        st.info("No young people whose age is known match these filters.")
    else:
        chart_block(
            charts.age_band_chart(responded, "Young people who responded", responded_target),
            takeaways.count_takeaway(f"young people aged {BAND} responded", measures.band_counts(responded, BAND),
                                     responded_target),
            charts.age_band_numbers(responded, "Young people who responded"),
            "young_people_by_age_band.csv",
            "responded",
        )  # fmt: skip
    render_attendance(filters, attended_target)


def scorecard_target(measure_id: str, filters: Filters) -> int | None:
    """Return the scorecard's yearly target for a measure, or None when the page is read by quarter."""
    target = ui.cached(scorecard.measure_target)(measure_id)
    return int(target) if target and filters.granularity == "wave" else None


def render_attendance(filters: Filters, target: int | None) -> None:
    if filters.respondent_fields_set and set(filters.respondent_fields_set) != {"age band"}:
        st.info("Activity attendance is recorded only by age band and type, not by need, support level or locality.")
        return
    attended = measures.with_part_year(
        measures.shown_counts(ui.cached(queries.attendance_by_age_band)(filters), "n", "period")
    )
    if attended.empty:
        st.info("No activity attendance by young people matches these filters.")
        return
    chart_block(
        charts.age_band_chart(measures.label_part_years(attended), "Attendances at activities", target),
        takeaways.count_takeaway(f"attendances by young people aged {BAND}", measures.band_counts(attended, BAND),
                                 target),
        charts.age_band_numbers(measures.label_part_years(attended), "Attendances"),
        "activity_attendance_by_age_band.csv",
        "attended",
    )  # fmt: skip


def render_rates(filters: Filters) -> None:
    st.header("Reach against the population: who are we missing?")
    st.caption(
        "Young people and parent carers who responded about a child with an EHC plan or on SEN Support, per 100 "
        "children and young people with an EHC plan or on SEN Support living in the area (the population baseline "
        "taken each January). Responses about a child with no support, 'Don't know' or a blank support level are in "
        "neither count. Parent carers count under their child's age. These are responses, not unique children."
    )
    if not ui.cached(queries.has_baseline)():
        st.info("No population baseline is loaded yet: load one to see reach as a rate.")
        return
    if filters.primary_needs:
        st.info("The population baseline is not broken down by primary need: clear that filter to see rates.")
        return
    labels = {label: name for name, label in queries.RATE_GROUPS.items()}
    left, right = st.columns(2)
    group_label = left.segmented_control("Compare by", list(labels), default="Age band", required=True,
                                         key="rate_by", **BOUND)  # fmt: skip
    against = LOCAL
    if ui.cached(queries.dfe_area)():
        against = right.segmented_control("Population", [LOCAL, DFE], default=LOCAL, required=True,
                                          key="population", help=POPULATION_HELP, **BOUND)  # fmt: skip
    population = queries.POPULATION
    if against == DFE:
        group_label, population = "Age band", "children and young people with an active EHC plan (DfE)"
        table = measures.rates(ui.cached(queries.dfe_reach_rates)(filters))
    else:
        table = measures.rates(ui.cached(queries.reach_rates)(filters, labels[group_label]))
    if table.empty:
        st.info("No respondents or baseline match these filters.")
        return
    # Numerator and denominator are one population: say which, so no one reads it as all children.
    st.markdown(f"Respondents {plain(takeaways.population_phrase(population, filters, table['baseline_year']))}.")
    chart_block(
        charts.rate_chart(table, group_label),
        takeaways.rate_takeaway(table, group_label),
        charts.rate_numbers(table, group_label),
        "reach_per_100.csv",
        "rates",
    )
    latest = measures.representation(table[table["period"] == table["period"].max()])
    st.markdown(f"**Who is under-represented in {plain(latest['period'].iloc[0])}?**")
    st.caption(
        "Representation index: a group's share of respondents divided by its share of the population. 1.00 means "
        "in proportion; below 0.80 is flagged as under-represented."
    )
    chart_block(
        charts.representation_chart(latest),
        takeaways.representation_takeaway(latest),
        charts.representation_numbers(latest, group_label),
        "representation_index.csv",
        "representation",
    )


def render_dfe() -> None:
    st.header("EHC plans by age: our area, its region and England")
    st.caption(
        "From the DfE's published Education, health and care plans statistics (active plans each January). Each "
        "bar is an age band's share of all the area's plans, so areas of different sizes compare."
    )
    area = ui.cached(queries.dfe_area)()
    if area is None:
        st.info("The DfE baseline is not loaded yet: use Load the DfE baseline below.")
    else:
        shares = measures.plan_shares(ui.cached(queries.dfe_plans_by_age_band)())
        chart_block(
            charts.dfe_chart(shares),
            takeaways.dfe_takeaway(shares, ui.cached(queries.dfe_total_plans)()),
            charts.dfe_numbers(shares),
            "dfe_ehc_plans_by_age.csv",
            "dfe",
        )
    if is_officer():
        with st.expander("Load the DfE baseline"):
            render_dfe_upload(area)


def is_officer() -> bool:
    """Loading the baseline changes data: only officers see the loader."""
    user = auth.current_user()
    return bool(user and auth.can(user.role, "officer"))


def render_dfe_upload(area: dict | None) -> None:
    st.markdown(
        "Download **caseload.csv** from the DfE's *Education, health and care plans* release on Explore Education "
        "Statistics, upload it here and pick your local authority. Only your area, its region and England are kept."
    )
    if message := st.session_state.pop("dfe_loaded", None):
        st.success(message)
    upload = st.file_uploader("caseload.csv", type=["csv"], key="dfe_file", max_upload_size=config.MAX_UPLOAD_MB)
    if upload is None:
        return
    content = upload.getvalue()
    try:
        choices = dfe_baseline.authority_choices(dfe_baseline.read_caseload(content, upload.name))
    except dfe_baseline.UnreadableFile as error:
        st.error(str(error))
        return
    codes = list(choices)
    default = codes.index(area["la_code"]) if area and area["la_code"] in codes else 0
    la_code = st.selectbox("Local authority", codes, index=default, format_func=choices.get, key="dfe_la")
    if st.button("Check and load", type="primary", key="dfe_load"):
        with ui.writing() as con:
            message, prepared = dfe_baseline.ingest_baseline(
                con, content, upload.name, la_code, auth.who(auth.current_user())
            )
        if prepared.ok and not prepared.earlier_load:
            st.session_state["dfe_loaded"] = message
            st.rerun()  # draw the comparison above with the new figures
        st.warning(message)
        for problem in prepared.problems:
            st.markdown(f"- {plain(problem.sentence())}")


def render_types(filters: Filters) -> None:
    st.header("Young people, parent carers and professionals")
    st.caption("Everyone who responded to any survey or left Local Offer feedback, by who they are.")
    table = measures.with_part_year(
        measures.shown_counts(ui.cached(queries.respondents_by_type)(filters), "n", "period")
    )
    if table.empty:
        st.info("No respondents match these filters.")
        return
    chart_block(
        charts.types_chart(measures.label_part_years(table)),
        takeaways.types_takeaway(table),
        charts.types_numbers(measures.label_part_years(table)),
        "respondents_by_type.csv",
        "types",
    )
