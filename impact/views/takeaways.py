"""One plain-English sentence per chart, computed from exactly the numbers the chart shows."""

import pandas as pd

from impact import config
from impact.domain.disclosure import can_show_percent, suppress_count
from impact.domain.measures import previous_period
from impact.queries.filters import NOT_RECORDED

NOT_COMPARED = (NOT_RECORDED, config.PREFER_NOT_TO_SAY)
PLURALS = {"Young person": "young people", "Parent carer": "parent carers", "Professional": "professionals"}


def indicator_takeaway(label: str, table: pd.DataFrame) -> str:
    """Return e.g. 'Feel listened to: up 6 points since 2024-25 (61% to 67%, n=761), significant.'"""
    if table.empty:
        return f"{label}: no answers in this selection."
    latest = table.sort_values("period").iloc[-1]
    if not can_show_percent(latest["base"]):
        return f"{label}: too few answers in {latest['period']} to show a percentage (fewer than 10)."
    if pd.isna(latest["percent"]):
        return f"{label}: not shown for {latest['period']}, as it would give away a small group's answers."
    now = f"{latest['percent']:.0f}%"
    if not latest["verdict"]:
        earlier = (
            f"too few answers in {latest['previous_period']} to compare with"
            if pd.notna(latest["previous_period"])
            else "no earlier period to compare with"
        )
        return f"{label}: {now} in {latest['period']} (n={latest['base']:,}); {earlier}."
    before = 100 * latest_previous(table, latest)
    return (
        f"{label}: {_points(latest['change'])} since {latest['previous_period']} "
        f"({before:.0f}% to {now}, n={latest['base']:,}), {latest['verdict']}."
    )


def latest_previous(table: pd.DataFrame, latest: pd.Series) -> float:
    """Return the previous period's proportion positive for the latest row."""
    previous = table[table["period"] == latest["previous_period"]].iloc[0]
    return previous["positive"] / previous["base"]


def group_gap_takeaway(table: pd.DataFrame, group_label: str) -> str:
    """Return the highest and lowest group and the gap between them, described (picked after looking, so not tested)."""
    if table.empty:
        return "No answers in this selection."
    period = table["period"].iloc[0]
    compared = table[~table["group"].isin(NOT_COMPARED) & table["percent"].notna()]
    not_shown = ~table["group"].isin(NOT_COMPARED) & table["percent"].isna()
    hidden = int(not_shown.sum())
    why = (
        "fewer than 10 answers"
        if (table.loc[not_shown, "base"] < config.MIN_BASE_FOR_PERCENT).all()
        else ("fewer than 10 answers, or to protect a small group")
    )
    note = f" Not shown ({why}): {hidden} group{'s' if hidden != 1 else ''}." if hidden else ""
    if len(compared) < 2:
        return f"In {period}, too few {group_label.lower()} groups have 10 or more answers to compare.{note}"
    high, low = compared.loc[compared["percent"].idxmax()], compared.loc[compared["percent"].idxmin()]
    # The two groups were picked for being furthest apart, so a test of their gap would overstate it: describe it.
    return (
        f"In {period}, {high['group']} highest at {high['percent']:.0f}% (n={high['base']:,}) and {low['group']} "
        f"lowest at {low['percent']:.0f}% (n={low['base']:,}): a gap of {high['percent'] - low['percent']:.0f} "
        f"points (a description of these groups, not a significance test).{note}"
    )


def count_takeaway(subject: str, counts: pd.DataFrame, target: int | None = None) -> str:
    """Return e.g. '125 young people aged 12-16 responded in 2025-26, up 35 on 2024-25 (90). Target 150: 25 short.'

    `counts` has one row per period: period, n (the true count), hidden (whether the page shows it as "c") and
    optionally part_year (a year not yet complete, so no rise or fall is claimed)."""
    if counts.empty or counts["n"].sum() == 0:
        return f"No {subject} in this selection."
    rows = counts.sort_values("period")
    latest = rows.iloc[-1]
    part_year = bool(latest.get("part_year", False))
    when = f"{latest['period']} so far (part of the year)" if part_year else latest["period"]
    if _hidden(latest):
        return f"Fewer than {config.SUPPRESS_BELOW} {subject} in {when}."
    sentence = f"{latest['n']:,} {subject} in {when}"
    earlier = rows[rows["period"] == previous_period(latest["period"])]
    if not earlier.empty:
        before = earlier.iloc[0]
        if _hidden(before):
            sentence += f", against fewer than {config.SUPPRESS_BELOW} in {before['period']}"
        elif part_year:
            partly = " (also part of the year)" if bool(before.get("part_year", False)) else ""
            sentence += f", against {before['n']:,} in {before['period']}{partly}"
        else:
            sentence += f", {_difference(latest['n'] - before['n'])} on {before['period']} ({before['n']:,})"
    sentence += "."
    if target:
        gap = int(target) - int(latest["n"])
        sentence += f" Target {int(target):,}: " + ("met." if gap <= 0 else f"{gap:,} short.")
    return sentence


def _hidden(row: pd.Series) -> bool:
    return bool(row["hidden"]) or suppress_count(row["n"]) == config.SUPPRESSED


def rate_takeaway(table: pd.DataFrame, group_label: str) -> str:
    """Return the latest period's highest and lowest reach per 100 in the population, and the 12-16 trend."""
    if table.empty:
        return "No population baseline or respondents in this selection."
    period = table["period"].max()
    latest = table[(table["period"] == period) & table["rate"].notna()]
    if latest.empty:
        return f"In {period}, too few respondents to show a rate."
    high, low = latest.loc[latest["rate"].idxmax()], latest.loc[latest["rate"].idxmin()]
    if len(latest) == 1:
        return f"In {period}, {_rate(high)} for {high['group']}."
    sentence = (
        f"In {period}, reach was highest for {group_label.lower()} {high['group']} ({_rate(high)}) and lowest for "
        f"{low['group']} ({_rate(low)})."
    )
    band = table[(table["group"] == config.TARGET_AGE_BAND) & table["rate"].notna()].set_index("period")
    if period in band.index and len(latest) > 1:
        sentence += f" Aged {config.TARGET_AGE_BAND}: {_rate(band.loc[period])}"
        if (before := previous_period(period)) in band.index:
            sentence += f", against {_rate(band.loc[before])} in {before}"
        sentence += "."
    return sentence


def representation_takeaway(table: pd.DataFrame) -> str:
    """Return which groups are under-represented, with their index."""
    if table.empty:
        return "No population baseline or respondents in this selection."
    period = table["period"].iloc[0]
    under = table[table["flag"] == "Under-represented"].sort_values("index")
    if under.empty:
        return f"In {period}, no group is under-represented: every group answers at least 0.8 times its share."
    named = ", ".join(f"{row['group']} ({_index(row['index'])})" for _, row in under.iterrows())
    return f"Under-represented in {period}: {named}. 1.00 means a group answers in proportion to its size."


def usefulness_takeaway(overall: pd.DataFrame, by_section: pd.DataFrame) -> str:
    """Return the share rating pages useful in the latest period, its change, and the best and worst sections."""
    if overall.empty:
        return "No Local Offer ratings in this selection."
    sentence = indicator_takeaway("Rated useful (4 or 5 out of 5)", overall)
    latest = by_section[(by_section["period"] == by_section["period"].max()) & by_section["percent"].notna()]
    latest = latest[latest["section"] != NOT_RECORDED]
    if len(latest) >= 2:
        high, low = latest.loc[latest["percent"].idxmax()], latest.loc[latest["percent"].idxmin()]
        sentence += (
            f" Highest: {high['section']} ({high['percent']:.0f}%); lowest: {low['section']} ({low['percent']:.0f}%)."
        )
    return sentence


def themes_takeaway(themes: pd.DataFrame, comments: int, comments_hidden: bool = False) -> str:
    """Return the most common comment theme and its share of comments (no total where the total is hidden)."""
    if comments == 0:
        return "No Local Offer comments in this selection."
    total = config.SUPPRESSED if comments_hidden else suppress_count(comments)
    coded = themes[themes["theme"] != "Other"].sort_values("comments", ascending=False)
    if coded.empty or coded["hidden"].iloc[0]:
        return f"{total} comments; no theme was mentioned often enough to show."
    top = coded.iloc[0]
    shown = can_show_percent(comments) and not comments_hidden
    share = f", {100 * top['comments'] / comments:.0f}% of {comments:,}" if shown else ""
    return f"Most common theme: {top['theme']} ({top['comments']:,} comments{share})."


def types_takeaway(counts: pd.DataFrame) -> str:
    """Return each respondent type's count in the latest complete period and its change on the period before.

    `counts` has period, group, n, hidden and part_year (a period not over yet is not compared)."""
    if counts.empty:
        return "No respondents in this selection."
    periods = sorted(counts["period"].unique())
    unfinished = sorted(counts.loc[counts["part_year"], "period"].unique())
    complete = [p for p in periods if p not in unfinished] or periods
    latest = complete[-1]
    before = previous_period(latest) if previous_period(latest) in periods else None
    parts = []
    for kind in PLURALS:
        now = counts[(counts["group"] == kind) & (counts["period"] == latest)]
        if now.empty or _hidden(now.iloc[0]):
            continue
        text = f"{PLURALS[kind]} {now['n'].iloc[0]:,}"
        previous = counts[(counts["group"] == kind) & (counts["period"] == before)]
        if not previous.empty and not _hidden(previous.iloc[0]):
            text += f" ({_difference(now['n'].iloc[0] - previous['n'].iloc[0])})"
        parts.append(text)
    if not parts:
        return f"Too few respondents of any type to show in {latest}."
    against = f" (changes on {before})" if before else ""
    note = f" {unfinished[-1]} is not over yet." if unfinished and unfinished[-1] > latest else ""
    so_far = " so far" if latest in unfinished else ""
    return f"In {latest}{so_far}{against}: " + ", ".join(parts) + "." + note


def _points(change: float) -> str:
    if round(change) == 0:
        return "no change"
    return f"{'up' if change > 0 else 'down'} {abs(change):.0f} point{'s' if round(abs(change)) != 1 else ''}"


def _difference(change: int) -> str:
    if change == 0:
        return "no change"
    return f"{'up' if change > 0 else 'down'} {abs(int(change)):,}"


def _index(value: float) -> str:
    return f"fewer than {config.SUPPRESS_BELOW} respondents" if pd.isna(value) else f"index {value:.2f}"


def _rate(row: pd.Series) -> str:
    return f"{row['rate']:.1f} per 100"


def dfe_takeaway(shares: pd.DataFrame, totals: pd.DataFrame) -> str:
    """Return the area's active EHC plans, the share aged 12-16 beside its region and England, and the growth."""
    if shares.empty:
        return "No DfE figures by age are loaded for the chosen area."
    year = shares["census_year"].iloc[0]
    band = shares[shares["age_band"] == config.TARGET_AGE_BAND].set_index("geographic_level")
    area = shares[shares["geographic_level"] == "Local authority"]
    name, total = area["area_name"].iloc[0], int(area["total"].iloc[0])
    sentence = f"In January {year}, {name} had {total:,} active EHC plans"
    if "Local authority" in band.index:
        others = [
            f"{band.loc[level, 'area_name']} {band.loc[level, 'share']:.0f}%"
            for level in ("Regional", "National")
            if level in band.index
        ]
        sentence += f"; {band.loc['Local authority', 'share']:.0f}% were for young people aged {config.TARGET_AGE_BAND}"
        sentence += f" ({', '.join(others)})" if others else ""
    if len(totals) > 1 and totals["census_year"].iloc[0] != year:
        first_year, first_plans = totals["census_year"].iloc[0], int(totals["plans"].iloc[0])
        direction = "up" if total > first_plans else "down"
        sentence += f", {direction} from {first_plans:,} in January {first_year}"
    return sentence + "."


def recent_changes_takeaway(recent: pd.DataFrame) -> str:
    """Return when the latest "you said, we did" responses were made and whether their indicators moved since."""
    if recent.empty:
        return 'No "you said, we did" response is recorded for themes raised in this selection.'
    newest, oldest = recent["date_responded"].max(), recent["date_responded"].min()
    if len(recent) == 1:
        text = f"The latest response was made on {newest:%d %b %Y}."
    else:
        text = f"The {len(recent)} latest responses were made between {oldest:%d %b %Y} and {newest:%d %b %Y}."
    measured = recent[recent["change_points"].notna()]
    verdicts = measured["verdict"].value_counts()
    parts = [
        f"{n} {words}"
        for n, words in [
            (verdicts.get("Rose (significant)", 0), "rose significantly"),
            (verdicts.get("Fell (significant)", 0), "fell significantly"),
            (verdicts.get("No significant change", 0), "did not change significantly"),
        ]
        if n
    ]
    if parts:
        listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
        has = "has" if len(measured) == 1 else "have"
        text += f" {len(measured)} of them {has} had the indicator measured again for the group that raised the theme: "
        text += f"{listed}."
    waiting = int((recent["verdict"] == "Not measured again yet").sum())
    if waiting:
        text += f" {waiting} {'wait' if waiting != 1 else 'waits'} for the next survey wave."
    return text


def population_phrase(population: str, filters, baseline_years) -> str:
    """Return what a rate is per 100 of, e.g. 'per 100 children and young people with an EHC plan or on SEN Support,
    aged 12-16, January 2026'."""
    parts = [f"per 100 {population}"]
    if filters.age_bands:
        parts.append(f"aged {', '.join(filters.age_bands)}")
    if filters.localities:
        parts.append(f"living in {', '.join(filters.localities)}")
    if filters.support_levels:
        parts.append(f"({', '.join(filters.support_levels)} only)")
    years = sorted({str(year) for year in baseline_years})
    if years:
        parts.append("January " + (years[0] if len(years) == 1 else f"{years[0]} to {years[-1]} (each year's own)"))
    return ", ".join(parts)
