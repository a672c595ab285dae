"""Figures for the Home page."""

import pandas as pd
import plotly.express as px

from impact import config
from impact.domain.disclosure import is_small
from impact.views.charts.palette import OKABE_ITO

SURVEY_PATTERNS = {label: shape for label, shape in zip(config.SURVEYS.values(), ["", "/", "."], strict=False)}


def shown_responses(frame: pd.DataFrame) -> pd.DataFrame:
    """Return responses per quarter and survey with the count shown ("shown", NaN if hidden) and its label ("c")."""
    data = frame.copy()
    hidden = data["responses"].map(is_small).astype(bool)
    data["shown"] = data["responses"].where(~hidden)
    data["label"] = data["responses"].map(lambda n: f"{n:,}").where(~hidden, config.SUPPRESSED)
    data["Survey"] = data["survey"].map(config.SURVEYS)
    return data


def responses_by_quarter_chart(frame: pd.DataFrame):
    """Return grouped bars of responses per quarter by survey (published counts), 1-4 hidden and marked "c"."""
    data = shown_responses(frame)
    figure = px.bar(
        data,
        x="quarter",
        y="shown",
        color="Survey",
        pattern_shape="Survey",
        pattern_shape_map=SURVEY_PATTERNS,
        text="label",
        color_discrete_sequence=OKABE_ITO,
        labels={"quarter": "Quarter", "shown": "Responses"},
        custom_data=["Survey", "label"],
        barmode="group",
        category_orders={"quarter": sorted(data["quarter"].unique())},
    )
    figure.update_traces(textposition="outside", cliponaxis=False)
    figure.update_traces(hovertemplate="%{x}<br>%{customdata[0]}: %{customdata[1]} responses<extra></extra>")
    figure.update_layout(
        legend=dict(title_text="", orientation="h", yanchor="bottom", y=1.02, x=0), margin=dict(t=40, b=10), height=380
    )
    return figure
