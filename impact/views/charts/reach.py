"""Figures for the Reach page: every value labelled on the chart, the target group highlighted, never colour alone."""

import pandas as pd
import plotly.graph_objects as go

from impact import config
from impact.domain.disclosure import suppress_count
from impact.domain.measures import age_band_order
from impact.views.charts.palette import OKABE_ITO
from impact.views.charts.text import plain_labels

MAIN, MUTED, INK = OKABE_ITO[0], "#BBBBBB", "#333333"
FONT = dict(size=13)
PERIOD_PATTERNS = ["", "/", ".", "x", "-", "|"]
TYPE_STYLES = {  # colour, marker symbol, line dash: three cues for each respondent type
    "Young person": (OKABE_ITO[0], "circle", "solid"),
    "Parent carer": (OKABE_ITO[1], "square", "dash"),
    "Professional": (OKABE_ITO[2], "diamond", "dot"),
}
FLAG_STYLES = {  # colour and pattern per representation flag; the flag is also written on the bar
    "Under-represented": (OKABE_ITO[5], "x"),
    "Too few to say": (MUTED, "."),
    "In line": (OKABE_ITO[0], ""),
    "Over-represented": (OKABE_ITO[2], "/"),
    "No population": (MUTED, "."),
    "Not shown": (MUTED, "."),
}


def age_band_chart(table: pd.DataFrame, y_title: str, target: int | None) -> go.Figure:
    """Return bars per period and age band, 12-16 in strong blue with bold labels, others grey; a target line."""
    figure = go.Figure()
    for band in age_band_order(table["age_band"]):
        rows = table[table["age_band"] == band]
        highlighted = band == config.TARGET_AGE_BAND
        figure.add_bar(
            x=rows["period"],
            y=rows["shown"].fillna(0),
            name=f"{band} (target group)" if highlighted else band,
            marker=dict(color=MAIN if highlighted else MUTED, line=dict(color=INK if highlighted else MUTED, width=1)),
            text=rows["shown_label"],
            texttemplate="<b>%{text}</b>" if highlighted else "%{text}",
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{x}}, aged {band}: %{{text}}<extra></extra>",
        )
    if target:
        figure.add_hline(y=target, line_dash="dash", line_color=INK)
        figure.add_annotation(
            x=1, xref="paper", y=target, yanchor="bottom", xanchor="right", showarrow=False,
            text=f"Target for {config.TARGET_AGE_BAND}: {target:,}",
        )  # fmt: skip
    figure.update_xaxes(type="category", categoryorder="category ascending", title_text=None)
    figure.update_yaxes(title_text=y_title, rangemode="tozero")
    figure.update_layout(
        barmode="group", height=380, margin=dict(t=50, b=10, l=10, r=10), font=FONT,
        legend=dict(orientation="h", y=1.12, x=0, title_text="Age band "),
    )  # fmt: skip
    return figure


def rate_chart(table: pd.DataFrame, group_label: str) -> go.Figure:
    """Return respondents per 100 in the population per group, one patterned bar per period."""
    figure = go.Figure()
    groups = age_band_order(table["group"]) if group_label == "Age band" else sorted(table["group"].unique())
    for i, (period, rows) in enumerate(table.groupby("period", sort=True)):
        rows = rows.set_index("group").reindex(groups).reset_index()
        labels = [_rate_label(r, h) for r, h in zip(rows["rate"], rows["hidden"].fillna(False), strict=True)]
        figure.add_bar(
            x=plain_labels(rows["group"]),
            y=rows["rate"].fillna(0),
            name=period,
            marker=dict(color=OKABE_ITO[i % len(OKABE_ITO)], pattern_shape=PERIOD_PATTERNS[i % 6]),
            text=labels,
            textposition="outside",
            cliponaxis=False,
            customdata=list(zip(rows["shown_label"].fillna(""), rows["population_label"].fillna(""), strict=True)),
            hovertemplate=f"{period}, %{{x}}: %{{text}} per 100<br>"
            "%{customdata[0]} respondents, %{customdata[1]} in the population<extra></extra>",
        )
    figure.update_xaxes(type="category", title_text=group_label)
    figure.update_yaxes(title_text="Respondents per 100 children and young people", rangemode="tozero")
    figure.update_layout(
        barmode="group", height=380, margin=dict(t=50, b=10, l=10, r=10), font=FONT,
        legend=dict(orientation="h", y=1.12, x=0, title_text="Period "),
    )  # fmt: skip
    return figure


def representation_chart(table: pd.DataFrame) -> go.Figure:
    """Return each group's representation index against 1 (in proportion), the flag written on every bar."""
    data = table.assign(sort_key=table["index"].fillna(-1)).sort_values("sort_key")
    styles = [FLAG_STYLES[f] for f in data["flag"]]
    labels = [f"{'c' if pd.isna(i) else f'{i:.2f}'}  {f}" for i, f in zip(data["index"], data["flag"], strict=True)]
    figure = go.Figure(
        go.Bar(
            y=plain_labels(data["group"]),
            x=data["index"].fillna(0),
            orientation="h",
            marker=dict(color=[s[0] for s in styles], pattern_shape=[s[1] for s in styles]),
            text=labels,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    figure.add_vline(x=1, line_color=INK)
    figure.add_vline(x=0.8, line_dash="dot", line_color=INK)
    figure.add_annotation(x=1, y=1, yref="paper", yanchor="bottom", text="In proportion (1.00)", showarrow=False)
    top = max(2.0, float(data["index"].max()) + 0.6) if data["index"].notna().any() else 2.0
    figure.update_xaxes(range=[0, top], title_text="Share of respondents ÷ share of population")
    figure.update_yaxes(type="category", title_text=None)
    figure.update_layout(height=110 + 42 * len(data), margin=dict(t=30, b=20, l=10, r=10), font=FONT)
    return figure


def types_chart(table: pd.DataFrame) -> go.Figure:
    """Return respondents per period for each respondent type: a line each, with its own marker and dash.

    A period not yet over is drawn as an open marker, not joined to the line, so it does not read as a fall."""
    figure = go.Figure()
    for kind, (colour, symbol, dash) in TYPE_STYLES.items():
        rows = table[table["group"] == kind].sort_values("period")
        part = rows["period"].str.endswith("(part year)")
        for subset, is_part in ((rows[~part], False), (rows[part], True)):
            if subset.empty:
                continue
            figure.add_scatter(
                x=subset["period"],
                y=subset["shown"],
                name=kind,
                legendgroup=kind,
                showlegend=not is_part,
                mode="markers+text" if is_part else "lines+markers+text",
                line=dict(color=colour, dash=dash, width=2.5),
                marker=dict(symbol=f"{symbol}-open" if is_part else symbol, size=10, color=colour),
                text=subset["shown_label"],
                textposition="top center",
                hovertemplate=f"{kind}, %{{x}}: %{{text}} respondents<extra></extra>",
            )
    figure.update_xaxes(type="category", categoryorder="category ascending", title_text=None)
    figure.update_yaxes(title_text="Respondents", rangemode="tozero")
    figure.update_layout(
        height=360, margin=dict(t=50, b=10, l=10, r=10), font=FONT, legend=dict(orientation="h", y=1.12, x=0)
    )
    return figure


def age_band_numbers(table: pd.DataFrame, count_label: str) -> pd.DataFrame:
    """Return the numbers an age band chart shows."""
    ordered = table.assign(order=table["age_band"].map({b: i for i, b in enumerate(age_band_order(table["age_band"]))}))
    ordered = ordered.sort_values(["period", "order"])
    return pd.DataFrame(
        {"Period": ordered["period"], "Age band": ordered["age_band"], count_label: ordered["shown_label"]}
    )


def rate_numbers(table: pd.DataFrame, group_label: str) -> pd.DataFrame:
    """Return the numbers the rate chart shows."""
    return pd.DataFrame(
        {
            "Period": table["period"],
            "Baseline (January)": table["baseline_year"],
            group_label: table["group"],
            "Respondents": table["shown_label"],
            "Children and young people": table["population_label"],
            "Per 100": [_rate_label(r, h) for r, h in zip(table["rate"], table["hidden"], strict=True)],
        }
    )


def representation_numbers(table: pd.DataFrame, group_label: str) -> pd.DataFrame:
    """Return the numbers the representation chart shows."""
    return pd.DataFrame(
        {
            group_label: table["group"],
            "Respondents": table["shown_label"],
            "Share of respondents": table["respondent_share"].map(lambda v: "" if pd.isna(v) else f"{v:.1f}%"),
            "Children and young people": table["population_label"],
            "Share of population": table["population_share"].map(lambda v: "" if pd.isna(v) else f"{v:.1f}%"),
            "Representation index": table["index"].map(lambda v: "c" if pd.isna(v) else f"{v:.2f}"),
            "Flag": table["flag"],
        }
    )


def types_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """Return the numbers the respondent type chart shows (the three types it draws)."""
    rows = table[table["group"].isin(list(TYPE_STYLES))]
    return pd.DataFrame(
        {"Period": rows["period"], "Respondent type": rows["group"], "Respondents": rows["shown_label"]}
    )


def _rate_label(rate: float, hidden: bool) -> str:
    if hidden:
        return config.SUPPRESSED
    return "" if pd.isna(rate) else f"{rate:.1f}"


def dfe_chart(table: pd.DataFrame) -> go.Figure:
    """Return each age band's share of active EHC plans: the area, its region and England side by side."""
    figure = go.Figure()
    bands = age_band_order(table["age_band"])
    for i, (name, rows) in enumerate(table.groupby("area_name", sort=False)):
        rows = rows.set_index("age_band").reindex(bands).reset_index()
        figure.add_bar(
            x=rows["age_band"],
            y=rows["share"],
            name=name,
            marker=dict(color=[OKABE_ITO[0], MUTED, INK][i % 3], pattern_shape=PERIOD_PATTERNS[i % 6]),
            text=rows["share"].map(lambda v: "" if pd.isna(v) else f"{v:.0f}%"),
            textposition="outside",
            cliponaxis=False,
            customdata=rows[["plans"]].map(suppress_count),
            hovertemplate=f"{name}, aged %{{x}}: %{{text}} of plans (%{{customdata[0]}})<extra></extra>",
        )
    figure.update_xaxes(type="category", title_text="Age band")
    figure.update_yaxes(title_text="Share of the area's active EHC plans", ticksuffix="%", rangemode="tozero")
    figure.update_layout(
        barmode="group", height=360, margin=dict(t=50, b=10, l=10, r=10), font=FONT,
        legend=dict(orientation="h", y=1.12, x=0),
    )  # fmt: skip
    return figure


def dfe_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """Return the numbers the DfE comparison shows."""
    return pd.DataFrame(
        {
            "January": table["census_year"],
            "Area": table["area_name"],
            "Age band": table["age_band"],
            "Active EHC plans": table["plans"].map(suppress_count),
            "Share of the area's plans": table["share"].map(lambda v: "" if pd.isna(v) else f"{v:.1f}%"),
            "Cells the DfE suppressed": table["suppressed"],
        }
    )
