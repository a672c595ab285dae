"""Figures for the Quality page: every value labelled, bands and ratings told apart by pattern or text too."""

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from impact import config
from impact.domain.disclosure import can_show_percent
from impact.views.audit_summary import change_mark
from impact.views.charts.palette import OKABE_ITO, RAG_COLOURS
from impact.views.charts.text import plain_labels
from impact.views.quality_summary import BANDS, GROUPS, bands_by_quarter

BAND_COLOURS = {"Doing to": RAG_COLOURS["Red"], "Doing for": RAG_COLOURS["Amber"], "Doing with": RAG_COLOURS["Green"]}
BAND_PATTERNS = {"Doing to": "x", "Doing for": "/", "Doing with": ""}
BAND_HELP = {
    "Doing to": "coercion, education, informing",
    "Doing for": "consultation, engagement",
    "Doing with": "co-design, co-production",
}
RATING_COLOURS = {
    "Embedded": RAG_COLOURS["Green"],
    "In progress": RAG_COLOURS["Amber"],
    "Not started": RAG_COLOURS["Red"],
    "Not applicable": "#DDDDDD",
}
STATUS_STYLE = {  # status: (colour, pattern)
    "Waiting for a response": (RAG_COLOURS["Red"], "x"),
    "Responded, not yet fed back": (RAG_COLOURS["Amber"], "/"),
    "Responded and fed back": (RAG_COLOURS["Green"], ""),
}
VERDICT_LABELS = {
    "Rose (significant)": "rose (significant)",
    "Fell (significant)": "fell (significant)",
    "No significant change": "not significant",
}
LEGEND = dict(title_text="", orientation="h", yanchor="bottom", y=1.02, x=0)


def _pattern(shape: str) -> dict:
    """Return a white pattern drawn over the bar's colour (plotly's default replaces the colour)."""
    return dict(shape=shape, fillmode="overlay", fgcolor="white", fgopacity=0.5, size=8)


def _wrap(text: str, width: int = 14) -> str:
    """Return user text escaped and broken into short lines for a column heading."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width)) or html.escape(text)


def _layout(figure: go.Figure, height: int) -> go.Figure:
    figure.update_layout(legend=LEGEND, margin=dict(t=40, b=10, l=10, r=10), height=height, plot_bgcolor="white")
    return figure


def ladder_over_time_chart(levels: pd.DataFrame) -> go.Figure:
    """Return stacked bars of activities per quarter by band, each labelled, with the doing-with share on top."""
    table = bands_by_quarter(levels)
    figure = go.Figure()
    for band in BANDS:
        detail = (
            levels[levels["band"] == band].groupby("quarter")["ladder_level"].apply(lambda s: ", ".join(s.unique()))
        )
        figure.add_bar(
            name=f"{band} ({BAND_HELP[band]})",
            x=table["Quarter"],
            y=table[band],
            text=[str(n) if n else "" for n in table[band]],
            textposition="inside",
            textangle=0,
            insidetextfont=dict(color="black", size=13),
            marker=dict(color=BAND_COLOURS[band], pattern=_pattern(BAND_PATTERNS[band])),
            customdata=[detail.get(q, "") for q in table["Quarter"]],
            hovertemplate=f"%{{x}}<br>{band}: %{{y}} activities<br>%{{customdata}}<extra></extra>",
        )
    for quarter, total, percent in zip(table["Quarter"], table["Total"], table["Doing with (%)"], strict=True):
        # No percentage on fewer than 10 activities (the same minimum base as every percentage): the total instead.
        text = f"<b>{percent}% with</b>" if can_show_percent(total) else f"{total} in all"
        figure.add_annotation(x=quarter, y=total, text=text, showarrow=False, yshift=12, font=dict(size=13))
    figure.update_layout(
        barmode="stack",
        yaxis_title="Activities",
        xaxis_title="Quarter",
        legend_traceorder="normal",
        uniformtext=dict(minsize=12, mode="show"),
    )
    figure.update_yaxes(gridcolor="#EEEEEE")
    return _layout(figure, 400)


def doing_with_chart(frame: pd.DataFrame) -> go.Figure:
    """Return horizontal bars of the share of each workstream's activities at co-design or co-production (no share
    on fewer than 10 activities, the same minimum base as every percentage)."""
    percent = (100 * frame["doing_with"] / frame["activities"]).where(frame["activities"].map(can_show_percent))
    data = frame.assign(percent=percent.fillna(-1)).sort_values(["percent", "workstream"])
    data["percent"] = data["percent"].where(data["percent"] >= 0)
    labels = [f"{c} {config.WORKSTREAMS.get(c, '')}" for c in data["workstream"]]
    figure = go.Figure(
        go.Bar(
            x=data["percent"],
            y=labels,
            orientation="h",
            marker_color=BAND_COLOURS["Doing with"],
            text=[
                f"{p:.0f}% ({w} of {n})" if pd.notna(p) else f"share not shown ({w} of {n}, fewer than 10)"
                for p, w, n in zip(data["percent"], data["doing_with"], data["activities"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}<br>%{text} of activities at co-design or co-production<extra></extra>",
        )
    )
    figure.update_xaxes(
        range=[0, 118], title="Share of activities at co-design or co-production (%)", gridcolor="#EEEEEE"
    )
    return _layout(figure, 120 + 34 * len(data))


def participation_chart(cells: dict) -> go.Figure:
    """Return two heatmaps of attendances: each group by kind of activity, and by doing to / for / with.

    `cells` comes from quality_summary.participation_cells, which hides small counts ("c")."""
    groups = [g for g in GROUPS if g in set(cells["band"]["group"])]
    figure = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        column_widths=[0.62, 0.38],
        horizontal_spacing=0.03,
        subplot_titles=["By kind of activity", "By how they were involved"],
    )
    for col, column in ((1, "kind"), (2, "band")):
        table = cells[column]
        order = list(dict.fromkeys(table[column]))
        z = table.pivot(index="group", columns=column, values="shown").reindex(index=groups, columns=order)
        text = table.pivot(index="group", columns=column, values="label").reindex(index=groups, columns=order)
        figure.add_heatmap(
            z=z.values,
            x=plain_labels(order),
            y=groups,
            text=text.values,
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
            xgap=3,
            ygap=3,
            zmin=0,
            hoverongaps=False,
            hovertemplate="%{y}<br>%{x}: %{text} attendances<extra></extra>",
            row=1,
            col=col,
        )
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, 120 + 44 * len(groups))


def accessibility_chart(frame: pd.DataFrame) -> go.Figure:
    """Return 100% bars per accessibility aspect: yes, no, not recorded, each labelled with its count."""
    figure = go.Figure()
    styles = {
        "yes": ("Yes", RAG_COLOURS["Green"], ""),
        "no": ("No", RAG_COLOURS["Red"], "x"),
        "not_recorded": ("Not recorded", "#BBBBBB", "."),
    }
    for column, (name, colour, pattern) in styles.items():
        figure.add_bar(
            name=name,
            y=frame["aspect"],
            x=frame[column],
            orientation="h",
            text=[f"{name}: {n}" if n else "" for n in frame[column]],
            textposition="inside",
            marker=dict(color=colour, pattern=_pattern(pattern)),
            hovertemplate=f"%{{y}}<br>{name}: %{{x}} activities<extra></extra>",
        )
    figure.update_layout(
        barmode="stack", xaxis_title="Activities", legend_traceorder="normal", uniformtext=dict(minsize=12, mode="show")
    )
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, 240)


def audit_grid_chart(grid: pd.DataFrame) -> go.Figure:
    """Return the services-by-priorities grid, each cell coloured and labelled by rating and its change."""
    rows = grid.drop_duplicates("priority")[["priority", "priority_label", "priority_code"]]
    row_labels = [
        html.escape(label if isinstance(code, str) else f"{label} (own)")
        for label, code in zip(rows["priority_label"], rows["priority_code"], strict=True)
    ]
    services = sorted(grid["service"].unique())
    codes = {rating: i for i, rating in enumerate(RATING_COLOURS)}
    cells = grid.set_index(["priority", "service"])
    z, text, hover = [], [], []
    for priority in rows["priority"]:
        z.append([]), text.append([]), hover.append([])
        for service in services:
            if (priority, service) not in cells.index:
                z[-1].append(None), text[-1].append(""), hover[-1].append("not rated")
                continue
            cell = cells.loc[(priority, service)]
            mark = change_mark(cell["rating"], cell["last_year_rating"])
            z[-1].append(codes[cell["rating"]])
            text[-1].append(f"{cell['rating']}<br>{mark}")
            hover[-1].append(f"{cell['rating']} (last year: {cell['last_year_rating'] or 'no rating'})")
    n = len(RATING_COLOURS)
    scale = []
    for i, colour in enumerate(RATING_COLOURS.values()):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=[_wrap(s) for s in services],
            y=row_labels,
            text=text,
            customdata=hover,
            texttemplate="%{text}",
            textfont=dict(size=12),
            colorscale=scale,
            zmin=-0.5,
            zmax=n - 0.5,
            showscale=False,
            xgap=2,
            ygap=2,
            hoverongaps=False,
            hovertemplate="%{x}<br>%{y}<br>%{customdata}<extra></extra>",
        )
    )
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(side="top", tickangle=0)
    figure.update_layout(margin=dict(t=80, b=10, l=10, r=10), height=130 + 40 * len(rows), plot_bgcolor="white")
    return figure


def audit_services_chart(by_service: pd.DataFrame, year: str) -> go.Figure:
    """Return per service the share of priorities embedded this year (bar) and the year before (marker),
    the service furthest behind at the top."""
    data = by_service.assign(
        now=100 * by_service["embedded"] / by_service["applicable"],
        before=100 * by_service["embedded_last_year"] / by_service["applicable_last_year"],
    )
    services = [html.escape(s) for s in data["service"]]
    labels = [
        f"{e} of {a} ({p:.0f}%)" + ("" if pd.isna(b) else f"; year before {b:.0f}%")
        for e, a, p, b in zip(data["embedded"], data["applicable"], data["now"], data["before"], strict=True)
    ]
    figure = go.Figure()
    figure.add_bar(
        name=f"Embedded {year}",
        y=services,
        x=data["now"],
        orientation="h",
        marker_color=OKABE_ITO[0],
        customdata=labels,
        hovertemplate="%{y}<br>Embedded: %{customdata}<extra></extra>",
    )
    figure.add_scatter(
        name="The year before",
        y=services,
        x=data["before"],
        mode="markers",
        marker=dict(symbol="line-ns", size=22, line=dict(width=4, color="black")),
        hovertemplate="%{y}<br>The year before: %{x:.0f}%<extra></extra>",
    )
    figure.add_scatter(
        y=services,
        x=data[["now", "before"]].max(axis=1) + 2,
        mode="text",
        text=labels,
        textposition="middle right",
        showlegend=False,
        hoverinfo="skip",
    )
    figure.update_xaxes(
        range=[0, 150],
        title="Priorities embedded, of those that apply (%)",
        gridcolor="#EEEEEE",
        tickvals=[0, 25, 50, 75, 100],
    )
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, 120 + 40 * len(data))


def feedback_by_quarter_chart(frame: pd.DataFrame) -> go.Figure:
    """Return stacked bars of themes per quarter raised: waiting, responded, responded and fed back."""
    quarters = sorted(frame["quarter_raised"].unique())
    figure = go.Figure()
    for status, (colour, pattern) in STATUS_STYLE.items():
        counts = frame[frame["status"] == status].set_index("quarter_raised")["themes"].reindex(quarters, fill_value=0)
        figure.add_bar(
            name=status,
            x=quarters,
            y=counts.values,
            text=[str(n) if n else "" for n in counts.values],
            textposition="inside",
            marker=dict(color=colour, pattern=_pattern(pattern)),
            hovertemplate=f"%{{x}}<br>{status}: %{{y}} themes<extra></extra>",
        )
    figure.update_layout(
        barmode="stack",
        xaxis_title="Quarter raised",
        yaxis_title="Themes",
        legend_traceorder="normal",
        uniformtext=dict(minsize=12, mode="show"),
    )
    figure.update_yaxes(gridcolor="#EEEEEE", dtick=1)
    return _layout(figure, 360)


def indicator_moves_chart(moves: pd.DataFrame) -> go.Figure:
    """Return before and after percentages per theme (only those measured again on large enough bases)."""
    data = moves[moves["change_points"].notna()].iloc[::-1]
    labels = [html.escape(f"{r.entry_id}: {r.indicator}, {r.raised_by}") for r in data.itertuples()]
    before = 100 * data["before_positive"] / data["before_base"]
    after = 100 * data["after_positive"] / data["after_base"]
    figure = go.Figure()
    for y, b, a in zip(labels, before, after, strict=True):
        figure.add_scatter(
            x=[b, a], y=[y, y], mode="lines", line=dict(color="#999999"), showlegend=False, hoverinfo="skip"
        )
    figure.add_scatter(
        name="When raised",
        x=before,
        y=labels,
        mode="markers",
        marker=dict(symbol="circle-open", size=11, color="black", line=dict(width=2)),
        customdata=[f"{w} (n={n:,})" for w, n in zip(data["before_wave"], data["before_base"], strict=True)],
        hovertemplate="%{y}<br>When raised: %{x:.0f}%, %{customdata}<extra></extra>",
    )
    figure.add_scatter(
        name="After the response",
        x=after,
        y=labels,
        mode="markers+text",
        marker=dict(symbol="diamond", size=12, color=OKABE_ITO[0]),
        text=[
            f"{VERDICT_LABELS.get(v, v)}, n={b:,}→{a:,}"
            for v, b, a in zip(data["verdict"], data["before_base"], data["after_base"], strict=True)
        ],
        textposition="middle right",
        customdata=[f"{w} (n={n:,})" for w, n in zip(data["after_wave"], data["after_base"], strict=True)],
        hovertemplate="%{y}<br>After: %{x:.0f}%, %{customdata}<extra></extra>",
    )
    figure.update_xaxes(
        range=[0, 125],
        title="Agree (%) for the group that raised it",
        gridcolor="#EEEEEE",
        tickvals=[0, 25, 50, 75, 100],
    )
    return _layout(figure, 140 + 34 * len(data))
