"""Home: the quarter's headlines for the SEND Board, each with its base and its change."""

import streamlit as st

from impact import headlines, ui
from impact.charts import home as charts
from impact.queries import common
from impact.queries import home as queries
from impact.routing import through_app

through_app()

st.title("SEND Impact Monitor")
st.caption(
    "Is our participation and co-production work reaching children, young people and parent carers, "
    "and is it changing things? Headlines for the quarter chosen below."
)
if ui.empty_state():
    st.stop()

quarter = ui.quarter_picker()
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

st.subheader("Responses each quarter")
first_quarter = ui.cached(common.reporting_quarters)()[0]
counts = ui.cached(queries.responses_by_quarter)(first_quarter, quarter)
if counts.empty:
    st.info("No survey responses up to this quarter yet.")
else:
    st.caption("Counts of fewer than 5 are shown as c. Annual surveys arrive in one quarter each year.")
    st.plotly_chart(charts.responses_by_quarter_chart(counts), width="stretch")
