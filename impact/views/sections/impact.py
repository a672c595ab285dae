"""Sections of pages/impact.py, drawn in order.

What has happened as a result?
"""

import streamlit as st

from impact.domain import downloads, measures, themes
from impact.queries import impact as queries
from impact.queries.filters import Filters
from impact.views import takeaways, ui
from impact.views.chart_block import chart_block, plain, takeaway
from impact.views.charts import impact as charts

BOUND = {"bind": "query-params", "persist_state": "session"}


def indicator_labels(filters: Filters) -> dict[str, str]:
    """Return the indicators with answers under these filters (code -> label), or say there are none."""
    catalogue = measures.sort_indicators(ui.cached(queries.indicator_catalogue)(filters))
    if catalogue.empty:
        st.info("No answers to the indicator questions match these filters.")
    return dict(zip(catalogue["indicator"], catalogue["label"], strict=True))


def local_offer_left_out(filters: Filters) -> str | None:
    """Return why the filters leave out Local Offer feedback, or None."""
    if filters.surveys and "local_offer" not in filters.surveys:
        return "The survey filter leaves out Local Offer feedback."
    if unrecorded := filters.respondent_fields_set:
        return f"Local Offer feedback does not record {', '.join(unrecorded)}: clear those filters to see it."
    return None


def page_changes(filters: Filters, chosen: tuple[str, ...]):
    """Return the page's tables with a change verdict (indicator trends, Local Offer usefulness by section and
    overall), their verdicts decided together so the page's false discovery rate is 5%."""
    trend = ui.cached(queries.indicator_trend)(filters, chosen) if chosen else None
    trend = measures.sort_indicators(measures.proportion_table(trend, "indicator")) if trend is not None else None
    by_section = measures.proportion_table(ui.cached(queries.local_offer_usefulness)(filters), "section")
    if local_offer_left_out(filters):
        by_section = by_section.iloc[0:0]
    overall = measures.totals_by_period(by_section) if not by_section.empty else by_section
    tables = [t for t in (trend, by_section, overall) if t is not None]
    adjusted = iter(measures.control_false_discoveries(*tables))
    return (next(adjusted) if trend is not None else None), next(adjusted), next(adjusted)


def significance_help(trend, by_section) -> str:
    """Return what "significant" means on this page, with how many changes were tested together."""
    together = int(trend["tests_together"].iloc[0]) if "tests_together" in trend and len(trend) else 0
    return (
        f"**What “significant” means here:** {together} changes on this page (these indicators and Local Offer "
        "usefulness) are tested together, and a change is called significant only if it stays so when the share of "
        "false alarms among them is held at 5% (Benjamini-Hochberg). Each change is tested with a two-proportion "
        "z-test, or an exact test (mid-p) where a count is too small for it. With many changes, some would look "
        "significant by chance alone; this correction is why a change of a few points on a small base may be "
        "'not significant'."
    )


def render_indicators(filters: Filters) -> None:
    st.header("How people feel, over time")
    st.caption(
        "The share who agree or strongly agree with each statement. The bars around each point are 95% confidence "
        "intervals; a diamond and ▲/▼ mark a statistically significant change on the year before (for quarters, "
        "on the same quarter a year before, as each survey falls in its own quarter). "
        "'Don't know', 'Prefer not to say' and blanks are left out of the base (n)."
    )
    labels = indicator_labels(filters)
    if not labels:
        return
    chosen = st.multiselect(
        "Indicators", list(labels), default=list(labels), format_func=labels.get, key="indicators", **BOUND
    )
    if not chosen:
        st.info("Choose at least one indicator.")
        return
    table, by_section, _ = page_changes(filters, tuple(chosen))
    st.caption(significance_help(table, by_section))
    for indicator, rows in table.groupby("indicator", sort=False):
        takeaway(takeaways.indicator_takeaway(labels[indicator], rows))
    chart_block(
        charts.indicator_trend_chart(table), "", charts.trend_numbers(table), "indicators_over_time.csv", "trend"
    )


def render_split(filters: Filters) -> None:
    st.header("Who feels it, and who does not")
    st.caption(
        "One indicator in the latest period of your selection, split by a group, highest first. Groups with fewer "
        "than 10 answers are listed but not shown; 'Not recorded' and 'Prefer not to say' are shaded grey."
    )
    labels = indicator_labels(filters)
    if not labels:
        return
    left, right = st.columns(2)
    indicator = left.selectbox("Indicator", list(labels), format_func=labels.get, key="split_indicator", **BOUND)
    group = right.selectbox(
        "Split by", list(queries.SPLIT_GROUPS), format_func=queries.SPLIT_GROUPS.get, key="split_by", **BOUND
    )
    table = measures.with_percentages(ui.cached(queries.indicator_by_group)(filters, indicator, group))
    chart_block(
        charts.group_split_chart(table, measures.overall_percent(table)),
        f"{labels[indicator]}: " + takeaways.group_gap_takeaway(table, queries.SPLIT_GROUPS[group]),
        charts.split_numbers(table, queries.SPLIT_GROUPS[group]),
        f"{indicator}_by_{group}.csv",
        "split",
    )


def render_local_offer(filters: Filters) -> None:
    st.header("Local Offer feedback")
    st.caption(
        "Ratings and comments left on the Local Offer website. A page counts as useful when rated 4 or 5 out of 5."
    )
    if reason := local_offer_left_out(filters):
        st.info(reason)
        return
    _, by_section, overall = page_changes(filters, tuple(st.session_state.get("indicators") or ()))
    if by_section.empty:
        st.info("No Local Offer feedback matches these filters.")
        return
    chart_block(
        charts.usefulness_heatmap(by_section),
        takeaways.usefulness_takeaway(overall, by_section),
        charts.usefulness_numbers(by_section),
        "local_offer_usefulness.csv",
        "usefulness",
    )
    left, right = st.columns(2)
    with left:
        volume = measures.with_part_year(measures.volume_table(ui.cached(queries.local_offer_volume)(filters)))
        chart_block(
            charts.volume_chart(measures.label_part_years(volume)),
            takeaways.count_takeaway(
                "pieces of feedback", measures.period_counts(volume, "feedback", "feedback_label")
            ),
            charts.volume_numbers(measures.label_part_years(volume)),
            "local_offer_volume.csv",
            "volume",
        )
    with right:
        render_themes(filters)


def render_themes(filters: Filters) -> None:
    rules = themes.theme_rules()
    counts = ui.cached(queries.local_offer_theme_counts)(filters, rules)
    coded, comments, comments_hidden = measures.comment_themes(counts)
    chart_block(
        charts.themes_chart(coded),
        takeaways.themes_takeaway(coded, comments, comments_hidden),
        charts.themes_numbers(coded, rules),
        "local_offer_comment_themes.csv",
        "themes",
    )
    with st.expander("How comments are sorted into themes"):
        st.markdown(
            "A comment counts towards every theme whose keywords it contains; the rest count as Other. The "
            "participation officer can change the keywords in `impact/domain/comment_themes.yaml`."
        )
        for theme, keywords in rules.items():
            st.markdown(f"- **{plain(theme)}**: {plain(', '.join(keywords))}")


def render_what_changed(filters: Filters) -> None:
    st.header("What changed as a result")
    st.caption(
        'The latest "you said, we did" responses to themes raised in the chosen period and workstream, the '
        "indicator each should move, and whether it moved for the group that raised it at the next survey wave "
        "(percent agreeing with its base; significant at the 95% level). Only the period and workstream filters "
        "apply here."
    )
    recent = ui.cached(queries.recent_changes)(filters)
    takeaway(takeaways.recent_changes_takeaway(recent))
    if not recent.empty:
        table = charts.recent_changes_table(recent)
        # A static table so every theme and response is read in full; officers' text is escaped for st.table.
        st.table(charts.recent_changes_view(table))
        st.download_button(
            "Download these responses (CSV)",
            downloads.csv_bytes(table),
            file_name="you_said_we_did_latest.csv",
            mime="text/csv",
            key="recent-changes-csv",
            icon=":material/download:",
        )
    st.markdown("The whole loop, with what is still waiting for a response, is on the Quality page.")
    st.page_link("pages/quality.py", label="You said, we did (Quality page)", icon=":material/forum:")
