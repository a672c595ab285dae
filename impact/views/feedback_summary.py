"""The words and numbers of "you said, we did": what still waits for a response, and whether indicators moved."""

import pandas as pd

from impact import config
from impact.views.quality_summary import md

SOURCE_NAMES = {**config.SURVEYS, "other": "Other (forum, event or meeting)"}


def feedback_takeaway(totals: dict, entries: pd.DataFrame) -> str:
    """Return how many themes still wait for a "we did", the longest wait, and the median time to respond."""
    if not totals["raised"]:
        return "No feedback themes were raised in this period."
    text = f'{totals["waiting"]} of {totals["raised"]} themes raised are still waiting for a "we did"'
    waiting = entries[entries["response"].isna()].sort_values("days_waiting", ascending=False)
    if not waiting.empty:
        oldest = waiting.iloc[0]
        theme, ref, days = md(oldest["theme"]), md(oldest["entry_id"]), oldest["days_waiting"]
        text += f'; the oldest, "{theme}" ({ref}), has waited {days} days'
    if totals["median_days"] is not None:
        text += f". Responses took a median of {totals['median_days']:.0f} days"
    not_told = totals["responded"] - totals["fed_back"]
    if not_told:
        text += f", and {not_told} response{'s were' if not_told > 1 else ' was'} not fed back to those who raised it"
    return text + "."


def waiting_table(entries: pd.DataFrame) -> pd.DataFrame:
    """Return the themes still waiting for a response, longest wait first."""
    waiting = entries[entries["response"].isna()].sort_values("days_waiting", ascending=False)
    return pd.DataFrame(
        {
            "Ref": waiting["entry_id"],
            "You said": waiting["theme"],
            "Days waiting": waiting["days_waiting"],
            "Raised on": pd.to_datetime(waiting["date_raised"]).dt.strftime("%d %b %Y"),
            "Raised by": waiting["raised_by"],
            "Source": waiting["source"].map(lambda s: SOURCE_NAMES.get(s, s)),
            "Linked action": waiting["action_code"].fillna("none"),
        }
    )


def feedback_table(entries: pd.DataFrame) -> pd.DataFrame:
    """Return every theme in the period with its response and status."""
    return pd.DataFrame(
        {
            "Ref": entries["entry_id"],
            "You said": entries["theme"],
            "We did": entries["response"].fillna(""),
            "Status": entries["status"],
            "Raised by": entries["raised_by"],
            "Source": entries["source"].map(lambda s: SOURCE_NAMES.get(s, s)),
            "Raised on": pd.to_datetime(entries["date_raised"]).dt.strftime("%d %b %Y"),
            "Days to respond": entries["days_to_respond"],
            "Linked action": entries["action_code"].fillna(""),
            "Workstream": entries["workstream"].fillna(""),
        }
    )


def moves_takeaway(moves: pd.DataFrame) -> str:
    """Return how many indicators moved for the group that raised the theme, once measured again."""
    compared = moves[moves["change_points"].notna()]
    if compared.empty:
        return "No indicator has been measured again since a response was given, for the themes in this period."
    rose = int((compared["verdict"] == "Rose (significant)").sum())
    fell = int((compared["verdict"] == "Fell (significant)").sum())
    same = len(compared) - rose - fell
    text = f"Of {len(compared)} themes measured again after the response, {rose} saw their indicator rise "
    text += f"significantly for the group that raised it, {fell} fell significantly and {same} did not change "
    text += "significantly."
    pending = int((moves["verdict"] == "Not measured again yet").sum())
    return text + (f" {pending} are waiting for the next survey wave." if pending else "")


def moves_table(moves: pd.DataFrame) -> pd.DataFrame:
    """Return before and after percentages with their bases, the change and whether it is significant."""

    def percent(positive, base):
        if base < config.MIN_BASE_FOR_PERCENT:
            return f"not shown (n<{config.MIN_BASE_FOR_PERCENT})" if base else ""
        return f"{100 * positive / base:.0f}% (n={base:,})"

    return pd.DataFrame(
        {
            "Ref": moves["entry_id"],
            "You said": moves["theme"],
            "Indicator": moves["indicator"],
            "Group": moves["raised_by"],
            "Before: wave": moves["before_wave"].fillna(""),
            "Before": [percent(p, b) for p, b in zip(moves["before_positive"], moves["before_base"], strict=True)],
            "After: wave": moves["after_wave"].fillna(""),
            "After": [percent(p, b) for p, b in zip(moves["after_positive"], moves["after_base"], strict=True)],
            "Change (points)": moves["change_points"].map(lambda c: "" if pd.isna(c) else f"{c:+.0f}"),
            "Verdict": moves["verdict"],
        }
    )
