"""Turn query results into the numbers a page may show: percentages with intervals and changes, counts with the
small-number rules applied. Charts, "show the numbers" tables and downloads all read these frames, so what is
hidden in one is hidden in all. The counts come from the queries already published (perturbed by the cell-key
method, migration 021), so percentages and intervals are computed from published numerators and bases."""

import datetime as dt
import math
from functools import cache

import pandas as pd
import yaml

from impact import config
from impact.domain.disclosure import can_show_percent, format_percent, is_small, suppress_count
from impact.domain.periods import quarter_end, shift_quarter
from impact.domain.stats import Proportion, benjamini_hochberg, change_p_value, wilson_interval
from impact.domain.themes import ALL_COMMENTS

PROTECTS = "not shown (protects a small group)"

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
    """Add percent, ci_low and ci_high (blank on a base under the minimum) and percent_label such as '61% (n=641)'.

    base_label is the base as shown ("c" for 1-4). Positive and base are published (perturbed) counts, so no
    secondary suppression is needed: a difference of published counts is not the hidden count."""
    out = frame.reset_index(drop=True).copy()
    if out.empty:
        return out.assign(percent=[], ci_low=[], ci_high=[], percent_label=[], base_label=[], base_hidden=[])
    base_hidden = out["base"].map(is_small).astype(bool)
    small = ~out["base"].map(can_show_percent).astype(bool)
    hidden = small | base_hidden
    pairs = list(zip(out["positive"].astype(int), out["base"].astype(int), strict=True))
    intervals = [wilson_interval(p, b) or (math.nan, math.nan) for p, b in pairs]
    out["percent"] = (100 * out["positive"] / out["base"].where(out["base"] > 0)).where(~hidden).astype(float)
    out["ci_low"] = pd.Series([i[0] for i in intervals], index=out.index).where(~hidden).astype(float)
    out["ci_high"] = pd.Series([i[1] for i in intervals], index=out.index).where(~hidden).astype(float)
    labels = zip(pairs, hidden, small, strict=True)
    out["percent_label"] = [PROTECTS if h and not too_few else format_percent(p, b) for (p, b), h, too_few in labels]
    out["base_hidden"] = base_hidden.astype(bool)
    out["base_label"] = [
        config.SUPPRESSED if h else suppress_count(b) for b, h in zip(out["base"], base_hidden, strict=True)
    ]
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
    """Add each period's change in points on the same series a year before, its p-value and test, and whether it is
    significant once every change in the frame is tested together (Benjamini-Hochberg; see control_false_discoveries
    for the changes of a whole page). Periods from different surveys (a `surveys` column) are not compared."""
    out = frame.sort_values([c for c in (series, "period") if c]).copy()
    changes, p_values, tests, previous_periods = [], [], [], []
    groups = out.groupby(series, sort=False) if series else [(None, out)]
    for _, rows in groups:
        by_period = {row.period: row for row in rows.itertuples()}
        for row in rows.itertuples():
            before = by_period.get(previous_period(row.period))
            if before is not None and getattr(before, "surveys", None) != getattr(row, "surveys", None):
                before = None  # a different survey asked it: not the same question to the same kind of people
            change, p_value, test = math.nan, math.nan, ""
            if before is not None and pd.notna(before.percent) and pd.notna(row.percent):
                change = 100 * (row.positive / row.base - before.positive / before.base)
                tested, test = change_p_value(
                    Proportion(int(before.positive), int(before.base)), Proportion(int(row.positive), int(row.base))
                )
                p_value = math.nan if tested is None else tested
            changes.append(change)
            p_values.append(p_value)
            tests.append(test)
            previous_periods.append(before.period if before is not None else None)
    out["change"], out["p_value"], out["test"], out["previous_period"] = changes, p_values, tests, previous_periods
    return control_false_discoveries(out)[0]


def control_false_discoveries(*tables: pd.DataFrame) -> list[pd.DataFrame]:
    """Return the tables with `verdict` ("significant", "not significant", or "" where nothing was tested) decided
    over every p-value in all of them together, holding the false discovery rate at 5% (Benjamini-Hochberg), and
    `tests_together`, how many changes were tested together."""
    p_values = [p for table in tables for p in (table["p_value"] if "p_value" in table else [])]
    significant = iter(benjamini_hochberg([None if pd.isna(p) else float(p) for p in p_values]))
    tested = sum(pd.notna(p) for p in p_values)
    out = []
    for table in tables:
        table = table.copy()
        if "p_value" in table:
            verdicts = [next(significant) for _ in range(len(table))]
            table["verdict"] = ["" if v is None else ("significant" if v else "not significant") for v in verdicts]
            table["tests_together"] = tested
        out.append(table)
    return out


def proportion_table(frame: pd.DataFrame, series: str | None = None) -> pd.DataFrame:
    """Return percentages with intervals and changes, ready to chart."""
    return with_changes(with_percentages(frame), series)


def shown_counts(frame: pd.DataFrame, count: str, total: str | None) -> pd.DataFrame:
    """Add `shown` (the count, or blank where hidden) and `shown_label` ("c" where hidden), hiding published counts of
    1-4. `total` names the rows that add up to a total shown elsewhere; with published (perturbed) counts a total
    minus its shown parts is not the hidden part, so it needs no further hiding."""
    out = frame.reset_index(drop=True).copy()
    if out.empty:
        return out.assign(hidden=pd.Series(dtype=bool), shown=pd.Series(dtype=float), shown_label=pd.Series(dtype=str))
    out["hidden"] = out[count].map(is_small).astype(bool)
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
    out = _population_labels(out)
    out.loc[out["population_hidden"], ["population_share", "index"]] = math.nan
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
    shown = ~out["hidden"] & out["population"].map(can_show_percent).astype(bool)
    out["rate"] = rate.where(shown).astype(float)
    return _population_labels(out)


def _population_labels(out: pd.DataFrame) -> pd.DataFrame:
    """Add population_hidden and population_label: the population as shown ("c" for 1-4 after perturbation)."""
    out = out.copy()
    out["population_hidden"] = out["population"].between(1, config.SUPPRESS_BELOW - 1)
    pairs = zip(out["population"], out["population_hidden"], strict=True)
    out["population_label"] = [config.SUPPRESSED if h else suppress_count(n) for n, h in pairs]
    return out


def proportion_numbers(table: pd.DataFrame, columns: dict[str, str], positive: str = "Positive answers"):
    """Return the table a reader sees: the named columns, then percent, interval, counts and change.

    Counts of 1-4 are "c"; no percentage, interval or count of positives is given on a base under the minimum."""
    out = table[list(columns)].rename(columns=columns).reset_index(drop=True)
    rows = list(table.reset_index(drop=True).itertuples())
    out["% positive"] = [f"{r.percent:.0f}%" if _shown(r) else r.percent_label for r in rows]
    out["95% CI"] = [f"{r.ci_low:.0f}% to {r.ci_high:.0f}%" if _shown(r) else "" for r in rows]
    out[positive] = [suppress_count(r.positive) if _shown(r) else "" for r in rows]
    out["Base (n)"] = [r.base_label if "base_label" in table else suppress_count(r.base) for r in rows]
    if "change" in table:
        out["Change on a year before"] = [
            f"{r.change:+.0f} points on {r.previous_period}" if pd.notna(r.change) else "" for r in rows
        ]
        out["Significant?"] = [r.verdict for r in rows]
    return out


def _shown(row) -> bool:
    return pd.notna(row.percent)


def overall_percent(table: pd.DataFrame) -> float | None:
    """Return the percent positive over all rows, or None on a base under the minimum.

    Uses the published total (all_positive, all_base) where the query gives it, so everyone's figure is the one
    every other page publishes for the same answers, not a sum of separately perturbed parts."""
    positive, base = int(table["positive"].sum()), int(table["base"].sum())
    if "all_base" in table and not table.empty:
        positive, base = int(table["all_positive"].iloc[0]), int(table["all_base"].iloc[0])
    return 100 * positive / base if can_show_percent(base) else None


def volume_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Add shown values and labels for Local Offer feedback and comments per period ("c" where hidden)."""
    out = frame.reset_index(drop=True).copy()
    for column in ("feedback", "comments"):
        counted = shown_counts(out, column, None)
        out[f"{column}_shown"], out[f"{column}_label"] = counted["shown"], counted["shown_label"]
    return out


def comment_themes(counts: pd.DataFrame) -> tuple[pd.DataFrame, int, bool]:
    """Return comments per theme as shown ("c" where hidden), how many comments there are, and whether that number
    is hidden (from queries.impact.local_offer_theme_counts)."""
    total = counts[counts["theme"] == ALL_COMMENTS]
    themes = shown_counts(counts[counts["theme"] != ALL_COMMENTS], "comments", None)
    comments = int(total["comments"].iloc[0]) if not total.empty else 0
    hidden = bool(comments) and bool(shown_counts(total, "comments", None)["hidden"].iloc[0])
    return themes, comments, hidden


def totals_by_period(table: pd.DataFrame) -> pd.DataFrame:
    """Return positive and base summed over groups per period, with percentages and changes."""
    totals = table.groupby("period", as_index=False)[["positive", "base"]].sum()
    return proportion_table(totals)


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
