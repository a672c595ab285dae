"""Plain-English takeaways and "show the numbers" tables for the charts of Home, the Action plan and Quality
that had neither: responses each quarter, actions by rating in each workstream, the timeline, feedback by quarter.

Each is computed from the same frame the chart draws, so the sentence, the table and the chart always agree.
"""

import pandas as pd

from impact import config
from impact.views.charts import actions as action_charts
from impact.views.charts import home as home_charts
from impact.views.charts.action_tables import timeline_table

RATINGS = ["Red", "Amber", "Green", "Complete"]


def responses_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return responses per quarter, one column per survey, counts of 1 to 4 (and those that would reveal them) "c"."""
    data = home_charts.shown_responses(frame)
    table = data.pivot(index="quarter", columns="Survey", values="label").fillna("0")
    return table.reset_index().rename(columns={"quarter": "Quarter"}).rename_axis(columns=None)


def responses_takeaway(frame: pd.DataFrame, quarter: str) -> str:
    """Return one sentence on the chosen quarter's responses by survey, using only the counts the chart shows."""
    data = home_charts.shown_responses(frame)
    latest = data[data["quarter"] == quarter]
    if latest.empty:
        return f"No survey responses arrived in {quarter}; the chart shows the quarters before it."
    parts = [f"{row.Survey}: {row.label}" for row in latest.itertuples()]
    return f"Responses in {quarter} by survey: " + "; ".join(parts) + "."


def rating_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return actions per workstream at each rating, one column per rating, with a total."""
    table = frame.pivot_table(index="workstream", columns="rag", values="actions", aggfunc="sum", fill_value=0)
    ordered = [r for r in [*RATINGS, *action_charts.ORDER] if r in table.columns]
    table = table[list(dict.fromkeys(ordered))].rename(columns=action_charts.MEANINGS)
    table["Total"] = table.sum(axis=1)
    table.index = [f"{code} {config.WORKSTREAMS.get(code, '')}".strip() for code in table.index]
    return table.rename_axis("Workstream").reset_index().rename_axis(columns=None)


def rating_takeaway(frame: pd.DataFrame) -> str:
    """Return how many workstreams have a red action, and which has the most red and amber."""
    if frame.empty:
        return "No action was rated in this quarter."
    by_workstream = frame.pivot_table(index="workstream", columns="rag", values="actions", aggfunc="sum", fill_value=0)
    at_risk = by_workstream.reindex(columns=["Red", "Amber"], fill_value=0).sum(axis=1)
    with_red = int((by_workstream.get("Red", pd.Series(0, index=by_workstream.index)) > 0).sum())
    text = f"{with_red} of {len(by_workstream)} workstreams shown have a red (off track) action."
    if at_risk.max() > 0:
        worst = at_risk.sort_values(ascending=False, kind="stable").index[0]
        text += f" Most red or amber: {worst} {config.WORKSTREAMS.get(worst, '')} ({int(at_risk[worst])})."
    return text


def timeline_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the timeline's actions as a table (start, due, rating, progress)."""
    return timeline_table(frame)


def timeline_takeaway(frame: pd.DataFrame) -> str:
    """Return how many actions are shown, how many are overdue, and which falls due next."""
    if frame.empty:
        return "No action matches these filters."
    overdue = int(frame["is_overdue"].sum())
    text = f"{len(frame)} actions shown; {overdue} past their due date and not complete."
    upcoming = frame[(frame["rag"] != "Complete") & ~frame["is_overdue"]].sort_values(["due_date", "action_code"])
    if not upcoming.empty:
        first = upcoming.iloc[0]
        text += f" Next due: {first['action_code']} on {first['due_date']:%d %b %Y}."
    return text


def feedback_quarter_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return feedback themes per quarter raised, one column per status, with a total."""
    table = frame.pivot_table(index="quarter_raised", columns="status", values="themes", aggfunc="sum", fill_value=0)
    table["Total"] = table.sum(axis=1)
    return table.rename_axis("Quarter raised").reset_index().rename_axis(columns=None)


def feedback_quarter_takeaway(frame: pd.DataFrame) -> str:
    """Return the quarter with the most themes still waiting for a response, or that none are waiting."""
    waiting = frame[frame["status"].str.startswith("Waiting")]
    if waiting.empty or not waiting["themes"].sum():
        return "Every theme raised in this period has had a response."
    total = int(waiting["themes"].sum())
    top = waiting.sort_values(["themes", "quarter_raised"], ascending=[False, True]).iloc[0]
    most = int(top["themes"])
    return f"{total} themes are waiting for a response; the most ({most}) were raised in {top['quarter_raised']}."
