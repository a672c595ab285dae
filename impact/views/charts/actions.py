"""Figures and plain-English takeaways for the Action plan page."""

import datetime as dt

import pandas as pd
import plotly.express as px

from impact import config
from impact.queries.actions import NO_UPDATE, QuarterCounts
from impact.views.charts.action_tables import escape_markdown
from impact.views.charts.palette import NO_UPDATE_COLOUR, RAG_COLOURS

COLOURS = {**RAG_COLOURS, NO_UPDATE: NO_UPDATE_COLOUR}
# Never colour alone: each rating has its own fill pattern and its name is written on the bar.
PATTERNS = {"Red": "x", "Amber": "/", "Green": "", "Complete": ".", NO_UPDATE: "-"}
MEANINGS = {
    "Red": "Red: off track",
    "Amber": "Amber: at risk",
    "Green": "Green: on track",
    "Complete": "Complete",
    NO_UPDATE: "No update this quarter",
}
ORDER = ["Red", "Amber", "Green", "Complete", NO_UPDATE]
# Text on each fill with at least 4.5:1 contrast. The pattern is drawn faintly in the label's opposite colour, so
# where a label crosses it the contrast only rises (white dots under white text fell to 2.8:1).
TEXT_COLOURS = {"Red": "black", "Amber": "black", "Green": "black", "Complete": "white", NO_UPDATE: "black"}
PATTERN_UNDER = {"black": "white", "white": "black"}
LEGEND = dict(title_text="", orientation="h", yanchor="bottom", y=1.02, x=0)


# Every chart of actions colours AND patterns a bar by its rating, so it never relies on colour alone.
RAG_STYLE = dict(
    color="Rating",
    pattern_shape="Rating",
    color_discrete_map={MEANINGS[r]: c for r, c in COLOURS.items()},
    pattern_shape_map={MEANINGS[r]: p for r, p in PATTERNS.items()},
)


def short_workstream(code: str) -> str:
    """Return 'B4 Participation and co-production: children...' cut to fit an axis."""
    return _shorten(f"{code} {config.WORKSTREAMS.get(code, '')}", 48)


def rag_by_workstream_chart(frame: pd.DataFrame):
    """Return stacked bars of actions per workstream by rating, each segment labelled with its count."""
    data = frame.assign(
        Workstream=frame["workstream"].map(short_workstream),
        Rating=frame["rag"].map(MEANINGS),
        label=frame["actions"].astype(str),
    )
    workstreams = sorted(data["Workstream"].unique(), reverse=True)
    figure = px.bar(
        data,
        x="actions",
        y="Workstream",
        **RAG_STYLE,
        orientation="h",
        text="label",
        category_orders={"Rating": [MEANINGS[r] for r in ORDER], "Workstream": workstreams},
        labels={"actions": "Actions", "Workstream": ""},
        custom_data=["Rating"],
    )
    _label_segments(figure, "middle")
    figure.update_traces(hovertemplate="%{y}<br>%{customdata[0]}: %{x} actions<extra></extra>")
    figure.update_layout(
        legend=LEGEND, margin=dict(t=40, b=10, l=10, r=10), height=max(260, 60 + 34 * len(workstreams))
    )
    figure.update_xaxes(dtick=1 if data.groupby("Workstream")["actions"].sum().max() <= 10 else None)
    return figure


def timeline_chart(frame: pd.DataFrame, today: dt.date):
    """Return a bar from start to due date per action, coloured and labelled by its rating, with today's line."""
    data = frame.assign(
        Action=frame["action_code"] + " (" + frame["workstream"] + ") " + frame["title"].map(lambda t: _shorten(t, 42)),
        Rating=frame["rag"].map(MEANINGS),
        label=[_bar_label(r, p) for r, p in zip(frame["rag"], frame["percent_complete"], strict=True)],
        Start=frame["start_date"].dt.strftime("%d %b %Y"),
        Due=frame["due_date"].dt.strftime("%d %b %Y"),
        Workstream=frame["workstream"].map(short_workstream),
    )
    figure = px.timeline(
        data,
        x_start="start_date",
        x_end="due_date",
        y="Action",
        **RAG_STYLE,
        text="label",
        category_orders={"Rating": [MEANINGS[r] for r in ORDER], "Action": list(data["Action"])},
        custom_data=["Rating", "Start", "Due", "Workstream", "lead_role"],
    )
    _label_segments(figure, "start")
    figure.update_traces(
        hovertemplate="%{y}<br>%{customdata[3]}<br>%{customdata[1]} to %{customdata[2]}<br>"
        "%{customdata[0]}<br>Lead: %{customdata[4]}<extra></extra>",
    )
    # add_vline's annotation fails on date axes in plotly, so the line and its label are added separately.
    figure.add_shape(type="line", x0=today, x1=today, y0=0, y1=1, yref="paper", line=dict(color="black", dash="dash"))
    figure.add_annotation(
        x=today, y=1, yref="paper", text=f"Today {today:%d %b %Y}", showarrow=False, xanchor="left", yanchor="bottom"
    )
    figure.update_yaxes(title_text="")
    figure.update_xaxes(title_text="", showgrid=True)
    figure.update_layout(legend=LEGEND, margin=dict(t=60, b=10, l=10, r=10), height=120 + 28 * len(data))
    return figure


def summary_sentence(counts: QuarterCounts, quarter: str, by_workstream: pd.DataFrame) -> str:
    """Return the quarter's takeaway in two or three plain sentences."""
    if not counts.updated:
        return f"No action was updated in {quarter}."
    on_track = counts.on_track
    text = (
        f"In {quarter}, {on_track.positive} of {counts.updated} actions updated ({on_track.percent:.0f}%) were on "
        f"track or complete. Red (off track): {counts.red}; amber (at risk): {counts.amber}; "
        f"past their due date and not complete: {counts.overdue}."
    )
    reds = by_workstream[by_workstream["rag"] == "Red"]
    if not reds.empty:
        top = reds.sort_values(["actions", "workstream"], ascending=[False, True]).iloc[0]
        name = config.WORKSTREAMS.get(top["workstream"], "")
        text += f" Most red actions: {top['workstream']} {name} ({top['actions']})."
    return text


def off_track_sentence(frame: pd.DataFrame, quarter: str) -> str:
    """Return how many shown actions are red or amber, and the one not on track the longest."""
    if frame.empty:
        return f"No action shown is red or amber in {quarter}."
    red, amber = int((frame["rag"] == "Red").sum()), int((frame["rag"] == "Amber").sum())
    oldest = frame.sort_values(["not_on_track_since", "action_code"]).iloc[0]
    return (
        f"In {quarter}: {red} red, {amber} amber. Not on track the longest: {oldest['action_code']}, "
        f"red or amber since {oldest['not_on_track_since']}."
    )


def action_caption(details: pd.Series) -> str:
    """Return where an action sits: plan, workstream, accountable group, lead, inspection area and dates."""
    parts = [
        details["plan"],
        f"{details['workstream']} {config.WORKSTREAMS.get(details['workstream'], '')}",
        f"Accountable: {details['accountable_group']}",
        f"Lead: {details['lead_role']}",
    ]
    if isinstance(details["inspection_area"], str):
        parts.append(f"Inspection area {details['inspection_area']}")
    parts.append(f"{details['start_date']:%d %b %Y} to {details['due_date']:%d %b %Y}")
    return " · ".join(parts)


def action_status_sentence(rating: pd.DataFrame, quarter: str) -> str:
    """Return one action's rating in the quarter, since when, progress and its note, as markdown."""
    if rating.empty:
        return f"No update was recorded for {quarter}."
    row = rating.iloc[0]
    quarters = f"{row['quarters_at_rating']} quarter{'s' if row['quarters_at_rating'] != 1 else ''}"
    text = f"In {quarter}: **{MEANINGS[row['rag']]}** since {row['rated_since']} ({quarters})"
    if isinstance(row["not_on_track_since"], str) and row["not_on_track_since"] != row["rated_since"]:
        text += f"; red or amber since {row['not_on_track_since']}"
    text += f". {row['percent_complete']}% complete; due {row['due_date']:%d %b %Y}"
    text += ", **overdue**." if row["is_overdue"] else "."
    if isinstance(row["note"], str):
        text += f" Latest note ({escape_markdown(row['updated_by'])}): “{escape_markdown(row['note'])}”"
    return text


def inspection_sentence(areas: pd.DataFrame) -> str:
    """Return how many inspection areas have a red action and how many have no action at all."""
    if areas.empty:
        return "No inspection area matches these filters."
    red = int((areas["red"] > 0).sum())
    none = int((areas["actions"] == 0).sum())
    shown = f"{len(areas)} area{'s' if len(areas) != 1 else ''} shown"
    return f"{shown}: {red} with a red action, {none} with no action in the loaded plans."


def _label_segments(figure, anchor: str) -> None:
    """Write labels level and legible on each rating's bars, with its pattern faint over the colour."""
    ratings = {meaning: rag for rag, meaning in MEANINGS.items()}
    for trace in figure.data:
        rag = ratings[trace.name]
        trace.update(
            textposition="inside",
            insidetextanchor=anchor,
            textangle=0,
            constraintext="none",
            textfont=dict(color=TEXT_COLOURS[rag], size=13),
            marker_pattern=dict(
                fillmode="overlay", fgcolor=PATTERN_UNDER[TEXT_COLOURS[rag]], fgopacity=0.35, solidity=0.25
            ),
        )


def _bar_label(rag: str, percent) -> str:
    return rag if pd.isna(percent) else f"{rag} · {int(percent)}%"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
