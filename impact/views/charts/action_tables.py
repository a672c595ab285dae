"""Tables and lists the Action plan page shows (and downloads), with users' column names."""

import re

import pandas as pd

from impact import config
from impact.domain.disclosure import can_show_percent, format_percent
from impact.domain.stats import Proportion, change_is_significant

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$])")
CHANGE_HEADINGS = {
    "Moved to red": "Moved to red",
    "Completed": "Completed",
    "Newly overdue": "Newly overdue (due date passed this quarter)",
}


def escape_markdown(text: object) -> str:
    """Return text that Streamlit's markdown shows as written (no links, formatting, HTML or maths)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None or pd.isna(text) else str(text))


OFF_TRACK_SHOWN = [
    "Workstream", "Title", "Rating and since when", "Red or amber since", "Latest note", "Updated by", "Due",
]  # fmt: skip


def static_view(frame: pd.DataFrame, columns: list[str], index: str = "Action") -> pd.DataFrame:
    """Return some columns of a table, indexed, with text escaped for st.table (which renders markdown)."""
    view = frame.set_index(index)[columns]
    view.index = view.index.map(escape_markdown)
    return view.map(lambda v: escape_markdown(v) if isinstance(v, str) else v)


def off_track_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return red and amber actions: since when, what the lead said, then progress and dates."""
    return pd.DataFrame(
        {
            "Action": frame["action_code"],
            "Title": frame["title"],
            "Rating and since when": [
                f"{rag} since {since} ({n} quarter{'s' if n != 1 else ''})"
                for rag, since, n in zip(frame["rag"], frame["rated_since"], frame["quarters_at_rating"], strict=True)
            ],
            "Red or amber since": frame["not_on_track_since"],
            "Latest note": frame["note"],
            "Updated by": frame["updated_by"],
            "Workstream": frame["workstream"],
            "% complete": frame["percent_complete"],
            "Due": _day(frame["due_date"]),
            "Overdue": frame["is_overdue"].map({True: "Yes", False: "No"}),
        }
    )


def overdue_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return actions past their due date and not complete."""
    return pd.DataFrame(
        {
            "Action": frame["action_code"],
            "Title": frame["title"],
            "Workstream": frame["workstream"],
            "Due": _day(frame["due_date"]),
            "Rating": frame["rag"],
            "% complete": frame["percent_complete"],
            "Lead": frame["lead_role"],
        }
    )


def missing_updates_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return started, unfinished actions with no update this quarter."""
    return pd.DataFrame(
        {
            "Action": frame["action_code"],
            "Title": frame["title"],
            "Workstream": frame["workstream"],
            "Due": _day(frame["due_date"]),
            "Last update": frame["last_quarter"].fillna("never"),
            "Last rating": frame["last_rag"].fillna("-"),
        }
    )


def change_lists(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Return, for each kind of change, one markdown line per action (user text escaped)."""
    lists = {heading: [] for heading in CHANGE_HEADINGS.values()}
    for row in frame.itertuples():
        line = f"**{escape_markdown(row.action_code)}** {escape_markdown(row.title)} ({row.workstream})"
        if row.change == "Moved to red":
            line += f": was {row.rag_before.lower()}"
        elif row.change == "Newly overdue":
            line += f": due {row.due_date:%d %b %Y}, now {row.rag.lower()}"
        lists[CHANGE_HEADINGS[row.change]].append(line)
    return lists


def changes_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the changes since last quarter as one table for download."""
    return pd.DataFrame(
        {
            "Change": frame["change"],
            "Action": frame["action_code"],
            "Title": frame["title"],
            "Workstream": frame["workstream"],
            "Rating last quarter": frame["rag_before"],
            "Rating this quarter": frame["rag"],
            "Due": _day(frame["due_date"]),
        }
    )


def timeline_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the timeline's actions as a table."""
    return pd.DataFrame(
        {
            "Action": frame["action_code"],
            "Title": frame["title"],
            "Plan": frame["plan"],
            "Workstream": frame["workstream"],
            "Accountable group": frame["accountable_group"],
            "Lead": frame["lead_role"],
            "Start": _day(frame["start_date"]),
            "Due": _day(frame["due_date"]),
            "Rating": frame["rag"],
            "% complete": frame["percent_complete"],
            "Overdue": frame["is_overdue"].map({True: "Yes", False: "No"}),
        }
    )


def history_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return an action's updates quarter by quarter, saying which were corrected by a later update or withdrawn."""
    return pd.DataFrame(
        {
            "Quarter": frame["quarter"],
            "Rating": frame["rag"],
            "Status": frame["status"],
            "% complete": frame["percent_complete"],
            "Counts for the quarter": [_counts(row) for row in frame.itertuples()],
            "Note": frame["note"],
            "Updated by": frame["updated_by"],
            "Updated on": frame["updated_at"].dt.strftime("%d %b %Y %H:%M"),
        }
    )


def _counts(row) -> str:
    if getattr(row, "is_withdrawn", False):
        return f"No: withdrawn on {row.withdrawn_at:%d %b %Y} by {row.withdrawn_by} ({row.withdrawn_reason})"
    if row.is_current:
        return "Yes"
    return f"No: corrected on {row.corrected_at:%d %b %Y} by {row.corrected_by}"


def indicators_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return linked indicators: latest percent positive with its base, and the change on the wave before."""
    return pd.DataFrame(
        {
            "Survey": frame["survey"].map(config.SURVEYS),
            "Indicator": frame["statement"],
            "Wave": frame["wave"],
            "Positive (base)": [format_percent(p, b) for p, b in zip(frame["positive"], frame["base"], strict=True)],
            "Change on the wave before": [_change(row) for row in frame.itertuples()],
        }
    )


def feedback_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return an action's "you said, we did" items: what was said and done, when, how fast, whether fed back."""
    waiting = frame["response"].isna()
    return pd.DataFrame(
        {
            "Ref": frame["entry_id"],
            "You said": frame["theme"],
            "We did": frame["response"].fillna("Waiting for a response"),
            "Raised on": _day(frame["date_raised"]),
            "Responded on": _day(frame["date_responded"]).fillna("-"),
            "Days to respond": frame["days_to_respond"].map(lambda d: "-" if pd.isna(d) else f"{int(d):,}"),
            "Fed back": [
                "-" if w else "Not recorded" if pd.isna(f) else "Yes" if f else "No"
                for w, f in zip(waiting, frame["fed_back"], strict=True)
            ],
            "Indicator it should move": frame["indicator"].fillna("None named"),
        }
    )


def feedback_sentence(frame: pd.DataFrame) -> str:
    """Return how many linked items have a response, how many were fed back, and how many still wait."""
    responded = frame[frame["response"].notna()]
    not_told = len(responded) - int(responded["fed_back"].fillna(False).astype(bool).sum())
    text = f"{len(frame)} item{'s' if len(frame) != 1 else ''} linked"
    if responded.empty:
        return text + ", none responded to yet."
    text += f": {len(responded)} responded to in a median of {responded['days_to_respond'].median():.0f} days"
    text += f", {not_told} not yet fed back" if not_told else ", all fed back to those who raised them"
    waiting = len(frame) - len(responded)
    return text + (f"; {waiting} still waiting for a response." if waiting else ".")


def inspection_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return each inspection area with its groups, workstreams and the status of its actions."""
    return pd.DataFrame(
        {
            "Area": frame["area"],
            "Development area": frame["title"],
            "Status of its actions": [_area_status(row) for row in frame.itertuples()],
            "Actions and ratings": frame["action_ratings"].fillna("-"),
            "Accountable groups": frame["accountable_groups"].map("; ".join),
            "Workstreams": frame["workstreams"].map(", ".join),
        }
    )


def _area_status(row) -> str:
    if not row.actions:
        return "No action in the loaded plans"
    parts = [
        f"{n} {label}"
        for n, label in [
            (row.red, "red"),
            (row.amber, "amber"),
            (row.green, "green"),
            (row.complete, "complete"),
            (row.no_update, "no update"),
        ]
        if n
    ]
    return ", ".join(parts)


def _change(row) -> str:
    if pd.isna(row.previous_wave):
        return "No earlier wave"
    if not (can_show_percent(row.base) and can_show_percent(row.previous_base)):
        return f"Not shown: a base under {config.MIN_BASE_FOR_PERCENT}"
    before = Proportion(int(row.previous_positive), int(row.previous_base))
    now = Proportion(int(row.positive), int(row.base))
    verdict = "significant" if change_is_significant(before, now) else "not significant"
    return f"{now.percent - before.percent:+.0f} pts on {row.previous_wave} ({before.percent:.0f}%), {verdict}"


def _day(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%d %b %Y")
