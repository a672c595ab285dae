"""Turn query results into the numbers a page may show: percentages with intervals and changes, counts with the
small-number rules applied. Charts, "show the numbers" tables and downloads all read these frames, so what is
hidden in one is hidden in all."""

import datetime as dt
import math
from functools import cache

import pandas as pd
import yaml

from impact import config
from impact.periods import quarter_end, shift_quarter
from impact.privacy import can_show_percent, format_percent, suppress_count, suppress_counts
from impact.stats import Proportion, change_is_significant, wilson_interval

# A group whose share of respondents is under this fraction of its share of the population is flagged.
UNDER_REPRESENTED_BELOW = 0.8
OVER_REPRESENTED_FROM = 1.25


@cache
def indicator_order() -> list[str]:
    """Return the indicators in the order indicators.yaml lists them (the order the strategy names them)."""
    return list(yaml.safe_load((config.MAPPINGS_DIR / "indicators.yaml").read_text()))


def sort_indicators(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame with its indicators in the strategy's order."""
    order = {key: i for i, key in enumerate(indicator_order())}
    return frame.sort_values(by="indicator", key=lambda s: s.map(lambda k: order.get(k, len(order))), kind="stable")


def with_percentages(frame: pd.DataFrame) -> pd.DataFrame:
    """Add percent, ci_low and ci_high (blank on a base under the minimum) and percent_label such as '61% (n=641)'."""
    out = frame.copy()
    shown = out["base"].map(can_show_percent).astype(bool)
    pairs = list(zip(out["positive"].astype(int), out["base"].astype(int), strict=True))
    intervals = [wilson_interval(p, b) or (math.nan, math.nan) for p, b in pairs]
    out["percent"] = (100 * out["positive"] / out["base"].where(out["base"] > 0)).where(shown).astype(float)
    out["ci_low"] = pd.Series([i[0] for i in intervals], index=out.index).where(shown).astype(float)
    out["ci_high"] = pd.Series([i[1] for i in intervals], index=out.index).where(shown).astype(float)
    out["percent_label"] = [format_percent(p, b) for p, b in pairs]
    return out


def previous_period(period: str) -> str:
    """Return the period a change is measured against: the year before, or the same quarter a year before.

    Quarters are compared a year apart because each annual survey falls in its own quarter: the quarter before
    is usually a different survey, with different people answering."""
    if " Q" in period:
        return shift_quarter(period, -4)
    start = int(period[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


def with_changes(frame: pd.DataFrame, series: str | None) -> pd.DataFrame:
    """Add each period's change in points on the same series a year before and whether it is significant."""
    out = frame.sort_values([c for c in (series, "period") if c]).copy()
    changes, verdicts, previous_periods = [], [], []
    groups = out.groupby(series, sort=False) if series else [(None, out)]
    for _, rows in groups:
        by_period = {row.period: row for row in rows.itertuples()}
        for row in rows.itertuples():
            before = by_period.get(previous_period(row.period))
            change, verdict = math.nan, ""
            if before is not None and can_show_percent(before.base) and can_show_percent(row.base):
                change = 100 * (row.positive / row.base - before.positive / before.base)
                significant = change_is_significant(
                    Proportion(int(before.positive), int(before.base)), Proportion(int(row.positive), int(row.base))
                )
                verdict = "significant" if significant else "not significant"
            changes.append(change)
            verdicts.append(verdict)
            previous_periods.append(before.period if before is not None else None)
    out["change"], out["verdict"], out["previous_period"] = changes, verdicts, previous_periods
    return out


def proportion_table(frame: pd.DataFrame, series: str | None = None) -> pd.DataFrame:
    """Return percentages with intervals and changes, ready to chart."""
    return with_changes(with_percentages(frame), series)


def shown_counts(frame: pd.DataFrame, count: str, total: str | None) -> pd.DataFrame:
    """Add `shown` (the count, or blank where hidden) and `shown_label` ("c" where hidden), hiding 1-4 and,
    where one hidden cell could be worked out from the `total` group, the next smallest too."""
    out = frame.reset_index(drop=True).copy()
    hidden = suppress_counts(out, count, total) if not out.empty else pd.Series(dtype=bool)
    out["hidden"] = hidden.astype(bool) if not out.empty else pd.Series(dtype=bool)
    out["shown"] = out[count].where(~out["hidden"]).astype(float)
    pairs = zip(out[count], out["hidden"], strict=True)
    out["shown_label"] = [config.SUPPRESSED if h else suppress_count(n) for n, h in pairs]
    return out


def representation(frame: pd.DataFrame) -> pd.DataFrame:
    """Add each group's share of respondents, share of population and their ratio (the representation index).

    `frame` has one period's rows: group, respondents, population. Where the count of respondents is hidden, the
    index is hidden too; a group hidden for being small is still flagged if even 4 respondents would leave it
    under-represented, and a group hidden only to protect another is marked "Not shown"."""
    out = shown_counts(frame, "respondents", None)
    respondents, population = out["respondents"].sum(), out["population"].sum()
    out["respondent_share"] = 100 * out["respondents"] / respondents if respondents else math.nan
    out["population_share"] = 100 * out["population"] / population if population else math.nan
    out["index"] = (out["respondent_share"] / out["population_share"]).where((out["population"] > 0) & ~out["hidden"])
    out["small"] = out["respondents"].between(1, config.SUPPRESS_BELOW - 1)
    ceiling = (config.SUPPRESS_BELOW - 1) / respondents * 100 / out["population_share"] if respondents else math.nan
    out["ceiling"] = ceiling
    out["flag"] = [_flag(row) for row in out.itertuples()]
    out.loc[out["hidden"], "respondent_share"] = math.nan
    return out.drop(columns=["small", "ceiling"])


def _flag(row) -> str:
    if row.small:
        return "Under-represented" if row.ceiling < UNDER_REPRESENTED_BELOW else "Too few to say"
    if row.hidden:
        return "Not shown"
    if pd.isna(row.index):
        return "No population"
    if row.index < UNDER_REPRESENTED_BELOW:
        return "Under-represented"
    if row.index >= OVER_REPRESENTED_FROM:
        return "Over-represented"
    return "In line"


def rates(frame: pd.DataFrame, total: str | None = "period") -> pd.DataFrame:
    """Add respondents per 100 in the population (blank where the count of respondents is hidden, or the
    population is under the minimum base)."""
    out = shown_counts(frame, "respondents", total)
    rate = 100 * out["respondents"] / out["population"].where(out["population"] > 0)
    # A rate is a percentage of the population: like any percentage, none on a base under the minimum.
    out["rate"] = rate.where(~out["hidden"] & out["population"].map(can_show_percent)).astype(float)
    return out


def proportion_numbers(table: pd.DataFrame, columns: dict[str, str], positive: str = "Positive answers"):
    """Return the table a reader sees: the named columns, then percent, interval, counts and change.

    Counts of 1-4 are "c"; no percentage, interval or count of positives is given on a base under the minimum."""
    out = table[list(columns)].rename(columns=columns).reset_index(drop=True)
    rows = list(table.reset_index(drop=True).itertuples())
    out["% positive"] = [f"{r.percent:.0f}%" if _shown(r) else r.percent_label for r in rows]
    out["95% CI"] = [f"{r.ci_low:.0f}% to {r.ci_high:.0f}%" if _shown(r) else "" for r in rows]
    out[positive] = [suppress_count(r.positive) if _shown(r) else "" for r in rows]
    out["Base (n)"] = [suppress_count(r.base) for r in rows]
    if "change" in table:
        out["Change on a year before"] = [
            f"{r.change:+.0f} points on {r.previous_period}" if pd.notna(r.change) else "" for r in rows
        ]
        out["Significant?"] = [r.verdict for r in rows]
    return out


def _shown(row) -> bool:
    return pd.notna(row.percent)


def overall_percent(table: pd.DataFrame) -> float | None:
    """Return the percent positive over all rows, or None on a base under the minimum."""
    positive, base = int(table["positive"].sum()), int(table["base"].sum())
    return 100 * positive / base if can_show_percent(base) else None


def volume_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Add shown values and labels for Local Offer feedback and comments per period ("c" where hidden)."""
    out = frame.reset_index(drop=True).copy()
    for column in ("feedback", "comments"):
        counted = shown_counts(out, column, None)
        out[f"{column}_shown"], out[f"{column}_label"] = counted["shown"], counted["shown_label"]
    return out


def totals_by_period(table: pd.DataFrame) -> pd.DataFrame:
    """Return positive and base summed over groups per period, with percentages and changes."""
    return proportion_table(table.groupby("period", as_index=False)[["positive", "base"]].sum())


def period_counts(table: pd.DataFrame, count: str, label: str) -> pd.DataFrame:
    """Return period, n, hidden (whether the page shows the count as "c") and part_year for a count takeaway."""
    return (
        pd.DataFrame(
            {
                "period": table["period"],
                "n": table[count],
                "hidden": table[label] == config.SUPPRESSED,
            }
        )
        .reset_index(drop=True)
        .pipe(with_part_year)
    )


def band_counts(table: pd.DataFrame, band: str) -> pd.DataFrame:
    """Return period, n and hidden for one age band, with a zero for periods where nobody in it took part."""
    periods = pd.DataFrame({"period": sorted(table["period"].unique())})
    rows = table[table["age_band"] == band][["period", "n", "hidden"]]
    out = periods.merge(rows, on="period", how="left")
    out["n"] = out["n"].fillna(0).astype(int)
    out["hidden"] = out["hidden"].fillna(False).astype(bool)
    if "part_year" in table:
        out = out.merge(table.groupby("period", as_index=False)["part_year"].first(), on="period", how="left")
    return with_part_year(out)


def age_band_order(bands) -> list[str]:
    """Return age bands youngest first, band-only ages such as 11-15 after, 'Prefer not to say' last."""
    bands = list(dict.fromkeys(bands))
    ordered = [b for b in config.AGE_BANDS if b in bands]
    ordered += sorted(b for b in bands if b not in config.AGE_BANDS and b != config.PREFER_NOT_TO_SAY)
    return ordered + [b for b in bands if b == config.PREFER_NOT_TO_SAY]


def in_progress(period: str, today: dt.date | None = None) -> bool:
    """Return whether a financial year (2025-26) or quarter (2025-26 Q3) has not ended yet."""
    today = today or dt.date.today()
    end = quarter_end(period) if " Q" in period else dt.date(int(period[:4]) + 1, 3, 31)
    return end >= today


def with_part_year(table: pd.DataFrame, today: dt.date | None = None) -> pd.DataFrame:
    """Add or extend part_year: true for a period not yet over, or one the query found only partly covered."""
    out = table.copy()
    partly = out["part_year"].astype(bool) if "part_year" in out else False
    out["part_year"] = out["period"].map(lambda p: in_progress(p, today)) | partly
    return out


def label_part_years(table: pd.DataFrame) -> pd.DataFrame:
    """Return the table with periods not yet over, or only partly covered, labelled '2026-27 (part year)'."""
    if "part_year" not in table:
        return table
    out = table.copy()
    out["period"] = [f"{p} (part year)" if part else p for p, part in zip(out["period"], out["part_year"], strict=True)]
    return out


def plan_shares(table: pd.DataFrame) -> pd.DataFrame:
    """Add each age band's share of the area's active EHC plans that January (as a percentage)."""
    out = table.copy()
    out["share"] = 100 * out["plans"] / out["total"].where(out["total"] > 0)
    return out
