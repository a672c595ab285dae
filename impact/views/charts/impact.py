"""Figures for the Impact page: every value labelled on the chart, intervals drawn, never colour alone."""

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from impact import config
from impact.domain.disclosure import format_percent
from impact.domain.measures import proportion_numbers
from impact.views.charts.action_tables import static_view
from impact.views.charts.palette import OKABE_ITO
from impact.views.charts.text import plain_labels
from impact.views.takeaways import NOT_COMPARED

MAIN, MUTED = OKABE_ITO[0], "#999999"
DASHES = ("solid", "dash", "dot", "dashdot")
FONT = dict(size=13)


def indicator_trend_chart(table: pd.DataFrame, columns: int = 3) -> go.Figure:
    """Return one small panel per indicator: percent positive per period with its 95% interval and base."""
    labels = list(dict.fromkeys(table["label"]))
    rows = math.ceil(len(labels) / columns) or 1
    figure = make_subplots(
        rows=rows, cols=min(columns, len(labels)) or 1, subplot_titles=labels, vertical_spacing=0.3 / rows
    )
    order: dict[str, int] = {}  # each set of surveys keeps one colour and dash in every panel
    for i, label in enumerate(labels):
        data = table[table["label"] == label]
        row, col = i // columns + 1, i % columns + 1
        # A line joins only points asked by the same surveys; each set of surveys is its own series in the legend.
        series = data["surveys"].fillna("") if "surveys" in data else pd.Series("", index=data.index)
        for surveys in dict.fromkeys(series[data["percent"].notna()]):
            shown = data[data["percent"].notna() & (series == surveys)]
            name = survey_names(surveys)
            first = name not in order
            figure.add_trace(
                _trend_trace(label, shown, name, order.setdefault(name, len(order)), first), row=row, col=col
            )
        hidden = data[data["percent"].isna()]
        if not hidden.empty:
            figure.add_trace(_too_few_marks(hidden["period"]), row=row, col=col)
        figure.update_xaxes(type="category", categoryorder="category ascending", row=row, col=col)
    figure.update_yaxes(range=[0, 105], ticksuffix="%", title_text=None)
    height = 230 * rows + 80
    figure.update_layout(
        height=height,
        margin=dict(t=80, b=20, l=10, r=10),
        font=FONT,
        # above the panel titles: 40 pixels over the top of the plotting area
        legend=dict(orientation="h", y=1 + 40 / (height - 100), yanchor="bottom", x=0, title_text="Asked in: "),
        showlegend=True,
    )
    return figure


def survey_names(surveys: str) -> str:
    """Return 'Big Bang survey (young people) + Annual SEND involvement survey' for 'big_bang + involvement'."""
    return " + ".join(config.SURVEYS.get(s, s) for s in surveys.split(" + ")) if surveys else "All surveys"


def _trend_trace(label: str, shown: pd.DataFrame, name: str, j: int, first: bool) -> go.Scatter:
    colour = OKABE_ITO[j % len(OKABE_ITO)]
    return go.Scatter(
        x=shown["period"],
        y=shown["percent"],
        name=name,
        legendgroup=name,
        showlegend=first,
        mode="lines+markers+text",
        marker=dict(size=9, color=colour, symbol=[_symbol(v) for v in shown["verdict"]]),
        line=dict(color=colour, dash=DASHES[j % len(DASHES)]),
        text=[_point_label(r) for r in shown.itertuples()],
        textposition="top center",
        error_y=dict(
            type="data",
            array=shown["ci_high"] - shown["percent"],
            arrayminus=shown["percent"] - shown["ci_low"],
            color=colour,
            thickness=1.2,
        ),
        customdata=shown[["percent_label", "ci_low", "ci_high", "verdict"]].fillna(""),
        hovertemplate=f"{label}, %{{x}} ({name})<br>%{{customdata[0]}}<br>95% CI %{{customdata[1]:.0f}}% to "
        "%{customdata[2]:.0f}%<br>Change on a year before: %{customdata[3]}<extra></extra>",
    )


def group_split_chart(table: pd.DataFrame, overall: float | None) -> go.Figure:
    """Return horizontal bars of percent positive per group, highest first, with intervals; small groups named."""
    data = table.assign(sort_key=table["percent"].fillna(-1)).sort_values("sort_key")
    shown = data["percent"].notna()
    muted = data["group"].isin(NOT_COMPARED)
    figure = go.Figure(
        go.Bar(
            y=plain_labels(data["group"]),
            x=data["percent"].fillna(0),
            orientation="h",
            marker=dict(color=[MUTED if m else MAIN for m in muted], pattern_shape=["/" if m else "" for m in muted]),
            error_x=dict(
                type="data",
                array=(data["ci_high"] - data["percent"]).where(shown, 0),
                arrayminus=(data["percent"] - data["ci_low"]).where(shown, 0),
                color="#333333",
                thickness=1.2,
            ),
            customdata=data[["percent_label"]],
            hovertemplate="%{y}: %{customdata[0]}<extra></extra>",
            showlegend=False,
        )
    )
    # Values in a column of their own to the right, clear of the bars and their intervals.
    figure.add_trace(
        go.Scatter(
            y=plain_labels(data["group"]),
            x=[102] * len(data),
            mode="text",
            text=data["percent_label"],
            textposition="middle right",
            hoverinfo="skip",
            showlegend=False,
        )
    )
    if overall is not None and not math.isnan(overall):
        figure.add_vline(x=overall, line_dash="dash", line_color="#333333")
        figure.add_annotation(
            x=overall, y=1, yref="paper", yanchor="bottom", text=f"Everyone: {overall:.0f}%", showarrow=False
        )
    figure.update_xaxes(
        range=[0, 135], tickvals=[0, 25, 50, 75, 100], ticksuffix="%", title_text="Share agreeing or strongly agreeing"
    )
    figure.update_yaxes(type="category", title_text=None)
    figure.update_layout(height=110 + 40 * len(data), margin=dict(t=30, b=20, l=10, r=10), font=FONT)
    return figure


def usefulness_heatmap(table: pd.DataFrame) -> go.Figure:
    """Return sections by period, each cell labelled with the share rating the page useful and its base."""
    sections = sorted(table["section"].unique(), key=lambda s: (s in NOT_COMPARED, s), reverse=True)
    periods = sorted(table["period"].unique())
    grid = table.pivot(index="section", columns="period", values="percent").reindex(index=sections, columns=periods)
    labels = table.pivot(index="section", columns="period", values="percent_label").reindex(
        index=sections, columns=periods
    )
    text = labels.map(lambda v: "" if pd.isna(v) else v.replace(" (", "<br>(").replace("not shown", "too few"))
    figure = go.Figure(
        go.Heatmap(
            z=grid.values,
            x=periods,
            y=plain_labels(sections),
            text=text.values,
            texttemplate="%{text}",
            colorscale="Cividis",
            zmin=0,
            zmax=100,
            colorbar=dict(title="% useful", ticksuffix="%"),
            hovertemplate="%{y}, %{x}: %{text}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    figure.update_xaxes(type="category", side="top")
    figure.update_yaxes(type="category")
    figure.update_layout(height=110 + 48 * len(sections), margin=dict(t=40, b=10, l=10, r=10), font=FONT)
    return figure


def volume_chart(table: pd.DataFrame) -> go.Figure:
    """Return bars of Local Offer feedback and of comments per period, each labelled ("c" where hidden)."""
    figure = go.Figure()
    for name, column, colour, pattern in [
        ("Feedback", "feedback", MAIN, ""),
        ("With a comment", "comments", OKABE_ITO[1], "/"),
    ]:
        figure.add_bar(
            x=table["period"],
            y=table[f"{column}_shown"],
            name=name,
            marker=dict(color=colour, pattern_shape=pattern),
            text=table[f"{column}_label"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{x}}: %{{text}} {name.lower()}<extra></extra>",
        )
    figure.update_xaxes(type="category", title_text=None)
    figure.update_yaxes(title_text="Pieces of feedback")
    figure.update_layout(
        barmode="group",
        height=340,
        margin=dict(t=40, b=10, l=10, r=10),
        legend=dict(orientation="h", y=1.1, x=0),
        font=FONT,
    )
    return figure


def themes_chart(table: pd.DataFrame) -> go.Figure:
    """Return horizontal bars of comments per theme, most common at the top, counts labelled."""
    data = table.sort_values("comments")
    figure = go.Figure(
        go.Bar(
            y=data["theme"],
            x=data["shown"].fillna(0),
            orientation="h",
            marker=dict(color=[MUTED if t == "Other" else MAIN for t in data["theme"]]),
            text=data["shown_label"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text} comments<extra></extra>",
        )
    )
    figure.update_xaxes(title_text="Comments mentioning the theme")
    figure.update_yaxes(type="category", title_text=None)
    figure.update_layout(height=90 + 36 * len(data), margin=dict(t=20, b=20, l=10, r=30), font=FONT)
    return figure


def _too_few_marks(periods: pd.Series) -> go.Scatter:
    return go.Scatter(
        x=periods,
        y=[4] * len(periods),
        mode="markers+text",
        marker=dict(symbol="x-thin-open", size=10, color=MUTED, line=dict(width=2, color=MUTED)),
        text=[f"n<{config.MIN_BASE_FOR_PERCENT}"] * len(periods),
        textposition="top center",
        hovertemplate=f"%{{x}}: fewer than {config.MIN_BASE_FOR_PERCENT} answers, not shown<extra></extra>",
        showlegend=False,
    )


def _symbol(verdict: str) -> str:
    return "diamond" if verdict == "significant" else "circle"


def _point_label(row) -> str:
    arrow = ""
    if row.verdict == "significant":
        arrow = " ▲" if row.change > 0 else " ▼"
    return f"{row.percent:.0f}%{arrow}"


def trend_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """Return the numbers the indicator panels show."""
    return proportion_numbers(table, {"label": "Indicator", "period": "Period"})


def split_numbers(table: pd.DataFrame, group_label: str) -> pd.DataFrame:
    """Return the numbers the split chart shows, highest first."""
    ordered = table.assign(sort_key=table["percent"].fillna(-1)).sort_values("sort_key", ascending=False)
    return proportion_numbers(ordered, {"period": "Period", "group": group_label})


def usefulness_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """Return the numbers the usefulness grid shows."""
    return proportion_numbers(table, {"section": "Section", "period": "Period"}, positive="Rated 4 or 5")


def volume_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """Return the numbers the volume chart shows."""
    return pd.DataFrame(
        {
            "Period": table["period"],
            "Pieces of feedback": table["feedback_label"],
            "With a comment": table["comments_label"],
        }
    )


def themes_numbers(table: pd.DataFrame, rules: dict[str, list[str]]) -> pd.DataFrame:
    """Return comments per theme with the keywords that code it."""
    ordered = table.sort_values("comments", ascending=False)
    return pd.DataFrame(
        {
            "Theme": ordered["theme"],
            "Comments": ordered["shown_label"],
            "Keywords": [", ".join(rules.get(t, ["(no keyword matched)"])) for t in ordered["theme"]],
        }
    )


RECENT_SHOWN = ["Raised by", "We did", "Responded on", "Indicator it should move", "Did it move for that group?"]


def recent_changes_table(recent: pd.DataFrame) -> pd.DataFrame:
    """Return the latest "you said, we did" responses: what was said and done, when, and whether the indicator moved."""
    return pd.DataFrame(
        {
            "You said": recent["theme"],
            "Raised by": recent["raised_by"],
            "We did": recent["response"],
            "Responded on": recent["date_responded"].dt.strftime("%d %b %Y"),
            "Indicator it should move": recent["indicator"].fillna("None named"),
            "Did it move for that group?": [_moved(row) for row in recent.itertuples()],
            "Workstream": recent["workstream"].fillna("None recorded"),
            "Linked action": recent["action_code"].fillna("None"),
            "Ref": recent["entry_id"],
        }
    )


def recent_changes_view(table: pd.DataFrame) -> pd.DataFrame:
    """Return the columns the page shows, by theme, with officers' text escaped for st.table (it renders markdown)."""
    return static_view(table, RECENT_SHOWN, index="You said")


def _moved(row) -> str:
    if pd.isna(row.indicator):
        return "-"
    if pd.isna(row.change_points):
        return row.verdict if isinstance(row.verdict, str) else "-"
    before = format_percent(int(row.before_positive), int(row.before_base))
    after = format_percent(int(row.after_positive), int(row.after_base))
    return f"{row.verdict}: {before} in {row.before_wave}, {after} in {row.after_wave}"
