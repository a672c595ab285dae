"""The Quality page's words and numbers for activities: a plain-English takeaway per chart and its table.

Takeaways are computed from the same frames the charts draw. Text that users supplied (service names,
themes) is escaped for Markdown; counts of people go through the small-number rules.
"""

import re
from dataclasses import dataclass

import pandas as pd

from impact import config
from impact.domain.disclosure import can_show_percent, is_small

BANDS = ["Doing to", "Doing for", "Doing with"]
LADDER = ["Coercion", "Education", "Informing", "Consultation", "Engagement", "Co-design", "Co-production"]
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
    """Return '12 of 14 (86%)' for counts of activities or themes (not people: no suppression); no percentage on a
    base under the minimum ('5 of 7')."""
    if not whole:
        return "none"
    return f"{part} of {whole} ({100 * part / whole:.0f}%)" if can_show_percent(whole) else f"{part} of {whole}"


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
    shown = bands["Total"].map(can_show_percent)
    too_few = f"not shown (n<{config.MIN_BASE_FOR_PERCENT})"
    bands["Doing with (%)"] = bands["Doing with (%)"].astype(str).where(shown, too_few)
    return table.join(bands).reset_index(names="Quarter")


def workstream_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return per workstream its activities, those doing with, and the share."""
    return pd.DataFrame(
        {
            "Workstream": [f"{c} {config.WORKSTREAMS.get(c, '')}".strip() for c in frame["workstream"]],
            "Activities": frame["activities"],
            "Co-design or co-production": frame["doing_with"],
            "Share (%)": [
                f"{100 * w / n:.0f}" if can_show_percent(n) else f"not shown (n<{config.MIN_BASE_FOR_PERCENT})"
                for w, n in zip(frame["doing_with"], frame["activities"], strict=True)
            ],
        }
    )


def workstream_takeaway(frame: pd.DataFrame) -> str:
    """Return which workstreams do most and which do no co-design or co-production."""
    if frame.empty:
        return "No activities were recorded for this period and workstream."
    best = frame.sort_values(["doing_with", "activities"], ascending=False).iloc[0]
    most = share(best["doing_with"], best["activities"])
    if len(frame) == 1:
        return f"{best['workstream']}: {most} activities were co-design or co-production."
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


def participation_cells(attendance: pd.DataFrame, broader: list[pd.DataFrame] | None = None) -> dict:
    """Return the attendances each participation heatmap shows: for "kind" and "band", every group by every value
    with attendances, hidden, shown and label ("c" where hidden).

    Attendances are published (perturbed) counts from the query; a cell is hidden when it is 1-4. `broader` is no
    longer used: differences of perturbed views are noise (kept so callers need not change)."""
    frame = with_groups(attendance)
    groups = [g for g in GROUPS if g in set(frame["group"])]
    tables = {}
    for column, order in (("kind", sorted(frame["kind"].unique())), ("band", BANDS)):
        cells = _cells(frame, column, groups, order)
        hidden = cells["attendances"].map(is_small).astype(bool)
        cells["hidden"] = hidden.astype(bool)
        cells["shown"] = cells["attendances"].where(~hidden & (cells["attendances"] > 0))
        cells["label"] = [
            config.SUPPRESSED if h else f"{int(n):,}" for n, h in zip(cells["attendances"], hidden, strict=True)
        ]
        tables[column] = cells
    return tables


def _cells(frame: pd.DataFrame, column: str, groups: list[str], order: list[str]) -> pd.DataFrame:
    """Return attendances summed per group and value of `column`, with a zero for every pair nobody attended."""
    cells = frame.groupby(["group", column], as_index=False)["attendances"].sum()
    full = pd.MultiIndex.from_product([groups, order], names=["group", column]).to_frame(index=False)
    cells = full.merge(cells, how="left").fillna({"attendances": 0})
    cells["attendances"] = cells["attendances"].astype(int)
    return cells


def participation_table(cells: dict) -> pd.DataFrame:
    """Return the numbers both heatmaps show: one row per group, a column per kind of activity then per band of the
    ladder, small counts as "c"."""
    wide = [
        table.pivot(index="group", columns=column, values="label")[list(dict.fromkeys(table[column]))]
        for column, table in cells.items()
    ]
    out = pd.concat(wide, axis=1)
    out = out.reindex(index=[g for g in GROUPS if g in out.index], columns=[c for w in wide for c in w.columns])
    out.columns.name = None
    return out.reset_index(names="Group")


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
