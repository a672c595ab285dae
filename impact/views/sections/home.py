"""The home page's sections (pages/home.py lays them out): the quarter's headline tiles and responses over time."""

import streamlit as st

from impact.queries import home as queries
from impact.views import chart_summaries, headlines, ui
from impact.views.chart_block import chart_block
from impact.views.charts import home as charts


def render_headlines(quarter: str) -> None:
    """Draw one tile per headline, each with its base and its change."""
    tiles = ui.cached(headlines.headline_tiles)(quarter)
    for column, tile in zip(st.columns(len(tiles)), tiles, strict=False):
        with column, st.container(border=True):
            st.metric(
                tile.label,
                tile.value,
                tile.delta,
                help=tile.help,
                delta_color=tile.delta_color,
                delta_arrow="off" if tile.unchanged else "auto",
            )
            st.caption(tile.caption)


def render_responses_by_quarter(quarter: str) -> None:
    st.header("Responses each quarter")
    first_quarter = ui.shared_options()["reporting_quarters"][0]
    counts = ui.cached(queries.responses_by_quarter)(first_quarter, quarter)
    if counts.empty:
        st.info("No survey responses up to this quarter yet.")
    else:
        st.caption("Counts of fewer than 5 are shown as c. Annual surveys arrive in one quarter each year.")
        chart_block(
            charts.responses_by_quarter_chart(counts),
            chart_summaries.responses_takeaway(counts, quarter),
            chart_summaries.responses_table(counts),
            f"responses_by_quarter_to_{quarter}.csv",
            "home-responses",
            name="survey responses each quarter, by survey",
        )
