"""The Quality page's words and numbers: a plain-English takeaway per chart and the table behind it.

Takeaways are computed from the same frames the charts draw. Text that users supplied (service names,
themes) is escaped for Markdown; counts of people go through the small-number rules.
"""

import re
from dataclasses import dataclass

import pandas as pd

from impact import config
from impact.periods import financial_year, quarter_start
from impact.privacy import suppress_counts

BANDS = ["Doing to", "Doing for", "Doing with"]
LADDER = ["Coercion", "Education", "Informing", "Consultation", "Engagement", "Co-design", "Co-production"]
RATINGS = ["Embedded", "In progress", "Not started", "Not applicable"]
GROUPS = ["Young people 5-11", "Young people 12-16", "Young people 17-19", "Young people 20-25"]
GROUPS += ["Young people (all ages)", "Parent carers", "Professionals"]
MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


@dataclass
class Glance:
    label: str
    value: str
    caption: str


def md(text: object) -> str:
    """Return user-supplied text safe to put inside Markdown (no formatting, links or maths)."""
    return MARKDOWN.sub(r"\\\1", str(text))


def group_label(respondent_type: str, age_band: str) -> str:
    """Return 'Young people 12-16', 'Parent carers' or 'Professionals'."""
    if respondent_type == "Young person":
        return "Young people (all ages)" if age_band == "All ages" else f"Young people {age_band}"
    return {"Parent carer": "Parent carers", "Professional": "Professionals"}.get(respondent_type, respondent_type)


def listing(items: list[str]) -> str:
    """Return 'a', 'a and b' or 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def share(part: int, whole: int) -> str:
    """Return '12 of 14 (86%)' for counts of activities or themes (not people: no suppression)."""
    return f"{part} of {whole} ({100 * part / whole:.0f}%)" if whole else "none"


# The ladder ---------------------------------------------------------------------------------------------------


def bands_by_quarter(levels: pd.DataFrame) -> pd.DataFrame:
    """Return activities per quarter in each band, with the total and the share doing with."""
    table = levels.pivot_table(index="quarter", columns="band", values="activities", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=BANDS, fill_value=0).reset_index()
    table["Total"] = table[BANDS].sum(axis=1)
    table["Doing with (%)"] = (100 * table["Doing with"] / table["Total"]).round(0).astype(int)
    return table.rename(columns={"quarter": "Quarter"})


def ladder_takeaway(levels: pd.DataFrame) -> str:
    """Return whether 'doing with' grew from the first to the last quarter with activities."""
    if levels.empty:
        return "No activities were recorded for this period and workstream."
    table = bands_by_quarter(levels)
    first, last = table.iloc[0], table.iloc[-1]
    now = f"In {last['Quarter']}, {share(last['Doing with'], last['Total'])} activities were co-design or co-production"
    if len(table) == 1:
        return now + ' ("doing with").'
    before = share(first["Doing with"], first["Total"])
    trend = "up from" if last["Doing with (%)"] > first["Doing with (%)"] else "against"
    if last["Doing with (%)"] == first["Doing with (%)"]:
        trend = "the same share as"
    return f'{now} ("doing with"), {trend} {before} in {first["Quarter"]}.'


def ladder_table(levels: pd.DataFrame) -> pd.DataFrame:
    """Return activities per quarter by ladder level, with the share doing with."""
    table = levels.pivot_table(index="quarter", columns="ladder_level", values="activities", aggfunc="sum")
    table = table.reindex(columns=[lvl for lvl in LADDER if lvl in table.columns]).fillna(0).astype(int)
    bands = bands_by_quarter(levels).set_index("Quarter")[["Total", "Doing with (%)"]]
    return table.join(bands).reset_index(names="Quarter")


def workstream_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return per workstream its activities, those doing with, and the share."""
    return pd.DataFrame(
        {
            "Workstream": [f"{c} {config.WORKSTREAMS.get(c, '')}".strip() for c in frame["workstream"]],
            "Activities": frame["activities"],
            "Co-design or co-production": frame["doing_with"],
            "Share (%)": (100 * frame["doing_with"] / frame["activities"]).round(0).astype(int),
        }
    )


def workstream_takeaway(frame: pd.DataFrame) -> str:
    """Return which workstreams do most and which do no co-design or co-production."""
    if frame.empty:
        return "No activities were recorded for this period and workstream."
    best = frame.sort_values(["doing_with", "activities"], ascending=False).iloc[0]
    most = share(best["doing_with"], best["activities"])
    text = f"{best['workstream']} had the most co-design or co-production: {most}."
    none = frame.loc[frame["doing_with"] == 0, "workstream"].tolist()
    if none:
        text += f" {listing(none)} had none at that level."
    return text


# Who takes part -----------------------------------------------------------------------------------------------


def with_groups(attendance: pd.DataFrame) -> pd.DataFrame:
    """Return the attendance frame with a 'group' column ('Young people 12-16', 'Parent carers')."""
    frame = attendance.copy()
    frame["group"] = [group_label(t, b) for t, b in zip(frame["respondent_type"], frame["age_band"], strict=True)]
    return frame


def participation_takeaway(attendance: pd.DataFrame) -> str:
    """Return the groups who never took part in co-design or co-production in the period."""
    if attendance.empty:
        return "No attendance was recorded for this period and workstream."
    frame = with_groups(attendance)
    with_ = frame[frame["band"] == "Doing with"].groupby("group")["attendances"].sum()
    never = [g for g in GROUPS if g in set(frame["group"]) and with_.get(g, 0) == 0]
    if not never:
        return "Every group that took part was involved in at least one co-design or co-production activity."
    kinds = frame[frame["group"].isin(never)].groupby("group")["kind"].unique()
    parts = [f"{g} (only {listing(sorted(k.lower() for k in kinds[g]))})" for g in never]
    return f"Never involved in co-design or co-production in this period: {listing(parts)}."


def participation_table(attendance: pd.DataFrame) -> pd.DataFrame:
    """Return attendances by group, kind of activity and band, small counts shown as c."""
    frame = with_groups(attendance)
    frame = frame.groupby(["group", "kind", "band"], as_index=False)[["attendances", "activities"]].sum()
    frame["order"] = frame["group"].map({g: i for i, g in enumerate(GROUPS)})
    frame = frame.sort_values(["order", "kind", "band"]).reset_index(drop=True)
    hidden = suppress_counts(frame, "attendances", "group")
    shown = [config.SUPPRESSED if h else f"{n:,}" for n, h in zip(frame["attendances"], hidden, strict=True)]
    return pd.DataFrame(
        {
            "Group": frame["group"],
            "Kind of activity": frame["kind"],
            "Involvement": frame["band"],
            "Attendances": shown,
            "Activities": frame["activities"],
        }
    )


# Accessibility and outcomes -----------------------------------------------------------------------------------


def accessibility_takeaway(frame: pd.DataFrame) -> str:
    """Return the least-met accessibility aspect and how often it was met."""
    if frame.empty or frame["activities"].max() == 0:
        return "No activities were recorded for this period and workstream."
    recorded = frame.assign(rate=frame["yes"] / (frame["yes"] + frame["no"]).where(lambda s: s > 0))
    worst = recorded.sort_values("rate").iloc[0]
    text = f"{worst['aspect']} was the gap: met at {share(worst['yes'], worst['activities'])} activities"
    gaps = int(frame["not_recorded"].sum())
    return text + (f"; {gaps} answers were not recorded." if gaps else ".")


def accessibility_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return accessibility counts with readable headings."""
    return frame.rename(
        columns={"aspect": "Accessible by", "yes": "Yes", "no": "No", "not_recorded": "Not recorded"}
    ).rename(columns={"activities": "Activities"})


def outcomes_takeaway(outcomes: pd.DataFrame) -> str:
    """Return how many activities recorded what changed, and how many co-design/co-production ones did not."""
    if outcomes.empty:
        return "No activities were recorded for this period and workstream."
    recorded = outcomes["what_changed"].notna()
    missing_with = int((~recorded & (outcomes["band"] == "Doing with")).sum())
    text = f"{share(int(recorded.sum()), len(outcomes))} activities recorded what changed as a result"
    if missing_with:
        verb = "has" if missing_with == 1 else "have"
        text += f"; {missing_with} at co-design or co-production {verb} nothing recorded yet"
    return text + "."


def outcomes_table(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Return each activity with what changed ('Not recorded' where blank)."""
    return pd.DataFrame(
        {
            "Date": pd.to_datetime(outcomes["activity_date"]).dt.strftime("%d %b %Y"),
            "Activity": outcomes["title"],
            "Ladder level": outcomes["ladder_level"],
            "Workstream": outcomes["workstream"],
            "What changed as a result": outcomes["what_changed"].fillna("Not recorded"),
        }
    )


# The audit ----------------------------------------------------------------------------------------------------


def audit_year_for(years: list[str], last_quarter: str) -> str | None:
    """Return the latest audit year that started by the end of the period (else the earliest there is)."""
    period_year = financial_year(quarter_start(last_quarter))
    started = [y for y in years if y <= period_year]
    return started[-1] if started else (years[0] if years else None)


def audit_takeaway(by_service: pd.DataFrame, not_returned: pd.DataFrame, year: str) -> str:
    """Return the services furthest behind and those that have not returned this year's audit."""
    parts = []
    if not by_service.empty:
        frame = by_service.assign(rate=by_service["embedded"] / by_service["applicable"])
        lagging = frame[frame["rate"] < 0.5].sort_values("rate")
        if lagging.empty:
            parts.append(f"Every service that returned its {year} audit has at least half its priorities embedded.")
        else:
            named = [f"{md(r.service)} ({r.embedded} of {r.applicable} embedded)" for r in lagging.itertuples()]
            verb = "lags" if len(named) == 1 else "lag"
            parts.append(f"{listing(named)} {verb} behind in {year}: under half their priorities are embedded.")
    if not not_returned.empty:
        names = listing([md(s) for s in not_returned["service"]])
        count = len(not_returned)
        parts.append(f"{count} service{'s have' if count > 1 else ' has'} not returned a {year} audit: {names}.")
    return " ".join(parts) or f"No audits were returned for {year}."


def change_mark(rating: str, last_year: object) -> str:
    """Return '▲ better', '▼ worse', '= same' or 'new' for a rating against last year's."""
    if not isinstance(last_year, str):
        return "new"
    order = {"Not started": 0, "In progress": 1, "Embedded": 2}
    if rating not in order or last_year not in order or order[rating] == order[last_year]:
        return "= same" if rating == last_year else "changed"
    return "▲ better" if order[rating] > order[last_year] else "▼ worse"


def services_table(by_service: pd.DataFrame, year: str) -> pd.DataFrame:
    """Return per service its ratings this year and embedded last year."""
    last = [
        f"{e:.0f} of {a:.0f}" if pd.notna(a) else "no audit"
        for e, a in zip(by_service["embedded_last_year"], by_service["applicable_last_year"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Service": by_service["service"],
            f"Embedded {year}": [
                share(e, a) for e, a in zip(by_service["embedded"], by_service["applicable"], strict=True)
            ],
            "In progress": by_service["in_progress"],
            "Not started": by_service["not_started"],
            "Embedded the year before": last,
        }
    )


def audit_table(grid: pd.DataFrame) -> pd.DataFrame:
    """Return every rating with last year's, the change, required actions and next steps."""
    return pd.DataFrame(
        {
            "Service": grid["service"],
            "Priority": grid["priority"],
            "Rating": grid["rating"],
            "Last year": grid["last_year_rating"].fillna("no rating"),
            "Change": [change_mark(r, p) for r, p in zip(grid["rating"], grid["last_year_rating"], strict=True)],
            "Required actions": grid["required_actions"].fillna(""),
            "Next steps": grid["next_steps"].fillna(""),
        }
    )


# You said, we did ---------------------------------------------------------------------------------------------


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


SOURCE_NAMES = {**config.SURVEYS, "other": "Other (forum, event or meeting)"}


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


# At a glance --------------------------------------------------------------------------------------------------


def at_a_glance(levels: pd.DataFrame, by_service: pd.DataFrame | None, year: str | None, totals: dict) -> list[Glance]:
    """Return the three headline answers for the board: doing with, audit laggards, feedback waiting."""
    tiles = []
    if levels.empty:
        tiles.append(Glance("Co-design or co-production", "no activities", "None recorded in this period."))
    else:
        last = bands_by_quarter(levels).iloc[-1]
        tiles.append(
            Glance(
                f"Co-design or co-production, {last['Quarter']}",
                f"{last['Doing with (%)']}%",
                f'{last["Doing with"]} of {last["Total"]} activities were "doing with".',
            )
        )
    if by_service is None or by_service.empty:
        tiles.append(Glance("Services lagging in the audit", "no audit", "No audit returned yet."))
    else:
        lagging = int((by_service["embedded"] / by_service["applicable"] < 0.5).sum())
        tiles.append(
            Glance(
                f"Services lagging in the {year} audit",
                f"{lagging} of {len(by_service)}",
                "Under half their priorities embedded.",
            )
        )
    tiles.append(
        Glance(
            'Themes waiting for a "we did"',
            f"{totals['waiting']}",
            f"Of {totals['raised']} raised in this period." if totals["raised"] else "No themes raised in this period.",
        )
    )
    return tiles
