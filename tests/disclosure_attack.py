"""An automated differencing attack on the published counts, for tests/test_disclosure_attacks.py and
scripts/disclosure_figures.py.

The attacker sees every view the filter bar offers for a pair of filters (each at all, one value, or all but one
value), with the period read quarter by quarter, year by year, or over any range of quarters (the Impact and Reach
period filter, the Home quarter picker's twelve months, the Quality page's range). The finest cells those views are
made of ("atoms": one value of each filter in one quarter) are unknown whole numbers of 0 or more; each view's
published value says its true count lies in a range (from the perturbation table, which the attacker is assumed to
know). Interval constraint propagation over every view (inclusion-exclusion and differencing of any number of views)
narrows each atom and each view to the values consistent with everything published; a true count of 1-9 whose range
narrows to one value is recovered exactly.

Published values are computed from the atoms' true counts and record keys by the same rule as the SQL macros
(migration 021); the tests check that they match what the query functions return.
"""

import itertools
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from impact import config

NOT_RECORDED = "(not recorded)"
RESPONSE_FIELDS = ("survey", "respondent_type", "age_band", "primary_need", "support_level", "locality")
# What is counted, and the filters that narrow it (the period is always one of the attacker's dimensions).
FAMILIES = {
    "responses": ("select * from responses", RESPONSE_FIELDS),
    "answers to 'I feel listened to'": (
        "select * from indicator_answers where indicator = 'listened_to' and is_positive is not null",
        RESPONSE_FIELDS,
    ),
    "positive answers to 'I feel listened to'": (
        "select * from indicator_answers where indicator = 'listened_to' and is_positive",
        RESPONSE_FIELDS,
    ),
    "attendances": (
        "select t.*, a.quarter, t.attendees as n from activity_attendance t join activities a using (activity_id)",
        ("respondent_type", "age_band"),
    ),
}


def perturbation_table(con: duckdb.DuckDBPyConnection) -> np.ndarray:
    """Return the database's perturbation table as an array [count, cell key] of adjustments."""
    rows = con.execute("select count, cell_key, adjustment from perturbation order by 1, 2").fetchall()
    table = np.zeros((max(r[0] for r in rows) + 1, 256), dtype=int)
    for count, key, adjustment in rows:
        table[count, key] = adjustment
    return table


def published(table: np.ndarray, counts: np.ndarray, key_sums: np.ndarray) -> np.ndarray:
    """Return the published values of cells with these true counts and record key sums (as the SQL macro does)."""
    cap = table.shape[0] - 1
    return counts + table[np.minimum(counts, cap), key_sums % 256]


def candidate_bounds(table: np.ndarray, largest: int, shows_c: bool) -> tuple[np.ndarray, np.ndarray]:
    """Return, for each published value 0..largest, the smallest and largest true count that can publish it.

    With `shows_c`, published 1-4 are all read as "c" (as the pages show them): any of their true counts."""
    low, high = np.full(largest + 1, np.iinfo(int).max), np.full(largest + 1, -1)
    for true in range(largest + table.shape[0] + 8):
        for value in set(published(table, np.full(256, true), np.arange(256)).tolist()):
            if 0 <= value <= largest:
                low[value], high[value] = min(low[value], true), max(high[value], true)
    if shows_c:
        c = slice(1, config.SUPPRESS_BELOW)
        seen = high[c] >= 0
        if seen.any():
            low[c], high[c] = low[c][seen].min(), high[c][seen].max()
    return low, high


@dataclass
class Dimension:
    name: str
    values: list[str]  # the atoms' values, NOT_RECORDED included
    choices: np.ndarray  # views x values: which values each choice of the filter takes in


def filter_dimension(name: str, values: list[str]) -> Dimension:
    """Return a filter's choices: all (with not recorded), each one value, and all but one value."""
    recorded = [v for v in values if v != NOT_RECORDED]
    rows = [np.ones(len(values), bool)]
    rows += [np.array([v == one for v in values]) for one in recorded]
    if len(recorded) > 2:
        rows += [np.array([v in recorded and v != one for v in values]) for one in recorded]
    return Dimension(name, values, np.array(rows))


def period_dimension(quarters: list[str], any_range: bool) -> Dimension:
    """Return the period's choices: every range of quarters, or (when not one of the pair) each quarter, each year
    and everything, as a page reads them without a range chosen."""
    n = len(quarters)
    if any_range:
        ranges = [(i, j) for i in range(n) for j in range(i, n)]
    else:
        years = sorted({q[:7] for q in quarters})
        ranges = [(i, i) for i in range(n)] + [(0, n - 1)]
        ranges += [(quarters.index(min(q for q in quarters if q[:7] == y)),
                    quarters.index(max(q for q in quarters if q[:7] == y))) for y in years]  # fmt: skip
    rows = [np.array([i <= k <= j for k in range(n)]) for i, j in dict.fromkeys(ranges)]
    return Dimension("quarter", quarters, np.array(rows))


@dataclass
class Result:
    family: str
    dimensions: tuple[str, ...]
    small_cells: int  # atoms and views with a true count of 1-9
    recovered: list  # (what, true count) recovered exactly


def attack(con, family: str, pair: tuple[str, ...], table: np.ndarray, shows_c: bool = False) -> Result:
    """Return what the attack recovers from every view of a pair of filters (a filter and the period range, or two
    filters read period by period) on one family of counts."""
    source, _ = FAMILIES[family]
    fields = [f for f in pair if f != "quarter"]
    columns = ", ".join(f"coalesce({f}::varchar, '{NOT_RECORDED}') as {f}" for f in fields)
    count = "sum(n)" if family == "attendances" else "count(*)"
    atoms = con.execute(
        f"select {columns}{', ' if columns else ''}quarter, {count}::bigint as n, sum(record_key)::bigint as ks "
        f"from ({source}) group by all"
    ).df()
    dims = [filter_dimension(f, sorted(atoms[f].unique())) for f in fields]
    dims.append(period_dimension(sorted(atoms["quarter"].unique()), any_range="quarter" in pair))
    grid = pd.MultiIndex.from_product([d.values for d in dims], names=[d.name for d in dims]).to_frame(index=False)
    cells = grid.merge(atoms, how="left").fillna({"n": 0, "ks": 0})
    true, keys = cells["n"].to_numpy(int), cells["ks"].to_numpy(int)
    views = dims[0].choices
    for d in dims[1:]:
        views = np.array([np.kron(a, b) for a in views for b in d.choices], dtype=bool)
    view_true = views.astype(int) @ true
    shown = published(table, view_true, views.astype(int) @ keys)
    low, high = candidate_bounds(table, int(shown.max()), shows_c)
    lo, hi = _propagate(views, low[shown].astype(float), high[shown].astype(float))
    assert (lo <= true).all() and (true <= hi).all(), "the attack must never rule out the truth"
    view_lo = np.maximum(views.astype(float) @ lo, low[shown])
    view_hi = np.minimum(views.astype(float) @ hi, high[shown])
    recovered = [(tuple(cells.iloc[i, : len(dims)]), int(true[i])) for i in np.flatnonzero((lo == hi) & _small(true))]
    recovered += [(f"view {v}", int(view_true[v])) for v in np.flatnonzero((view_lo == view_hi) & _small(view_true))]
    small = int(_small(true).sum() + _small(view_true).sum())
    return Result(family, pair, small, recovered)


def _small(counts: np.ndarray) -> np.ndarray:
    return (counts >= 1) & (counts <= 9)


def _propagate(views: np.ndarray, low: np.ndarray, high: np.ndarray, rounds: int = 30):
    """Return the narrowest bounds on every atom that every view's bounds allow (atoms are whole and >= 0)."""
    m = views.astype(float)
    lo = np.zeros(views.shape[1])
    hi = np.full(views.shape[1], float(high.max()))
    big = np.inf
    for _ in range(rounds):
        slack_hi = high - m @ lo  # room each view leaves above its atoms' lower bounds
        slack_lo = low - m @ hi  # (negative) what each view needs beyond its atoms' upper bounds
        new_hi = np.minimum(hi, lo + np.where(views, slack_hi[:, None], big).min(axis=0))
        new_lo = np.maximum(lo, hi + np.where(views, slack_lo[:, None], -big).max(axis=0))
        new_lo, new_hi = np.ceil(new_lo - 1e-9), np.floor(new_hi + 1e-9)
        if (new_lo == lo).all() and (new_hi == hi).all():
            break
        lo, hi = new_lo, new_hi
    return lo, hi


def pairs(family: str) -> list[tuple[str, ...]]:
    """Return every pair of filters for a family: two filters (period by period), or a filter and the range."""
    fields = FAMILIES[family][1]
    return [*itertools.combinations(fields, 2), *[(f, "quarter") for f in fields]]


def attack_everything(con, table: np.ndarray | None = None, shows_c: bool = False) -> list[Result]:
    """Return the attack's results on every family and every pair of filters."""
    table = perturbation_table(con) if table is None else table
    return [attack(con, family, pair, table, shows_c) for family in FAMILIES for pair in pairs(family)]
