"""Small-number rules, applied in one place to every number that leaves the database.

Three rules (domain.md), each applied after every filter:
- a count of 1-4 is shown as "c" (a true zero stays 0);
- no percentage or rate on a base under 10;
- nothing hidden can be worked out by subtraction: from a total shown in the same table or page (secondary
  suppression, `suppress_counts`), or from a view one filter value away (`differs_by_a_few`: the query
  layer adds each count's smallest non-zero difference from such a view as a `<count>_gap` column, see
  impact/queries/neighbours.py).
"""

import pandas as pd

from impact import config


def suppress_count(count: int | None, threshold: int | None = None) -> str:
    """Return a count for display: 1..threshold-1 become "c"; a true zero stays 0."""
    threshold = config.SUPPRESS_BELOW if threshold is None else threshold
    if count is None or pd.isna(count):
        return "-"
    count = int(count)
    if 0 < count < threshold:
        return config.SUPPRESSED
    return f"{count:,}"


def is_small(count: int | None) -> bool:
    """Return whether a count is 1..SUPPRESS_BELOW-1 (shown as "c")."""
    return count is not None and not pd.isna(count) and 0 < int(count) < config.SUPPRESS_BELOW


def can_show_percent(base: int | None, min_base: int | None = None) -> bool:
    """Return whether a percentage on this base may be shown (base of at least the minimum)."""
    min_base = config.MIN_BASE_FOR_PERCENT if min_base is None else min_base
    return base is not None and not pd.isna(base) and int(base) >= min_base


def format_percent(positive: int, base: int) -> str:
    """Return '63% (n=212)', or a plain statement that the base is too small to show."""
    if not can_show_percent(base):
        return f"not shown (n<{config.MIN_BASE_FOR_PERCENT})" if base else "no answers"
    return f"{100 * positive / base:.0f}% (n={base:,})"


def differs_by_a_few(frame: pd.DataFrame, count_column: str, below: int | None = None) -> pd.Series:
    """Return where a count differs from a view one filter value away by 1..below-1 (default: 1-4).

    Such a count would give away the small difference by subtraction, so it is hidden (of each pair of views, the
    query layer computes the gap for the one that hides: see impact/queries/neighbours.py). The differences come as
    `<count>_gap`; a frame without them has nothing to compare."""
    below = config.SUPPRESS_BELOW if below is None else below
    gap = f"{count_column}_gap"
    if gap not in frame:
        return pd.Series(False, index=frame.index)
    return frame[gap].between(1, below - 1).fillna(False).astype(bool)


def suppress_counts(
    frame: pd.DataFrame,
    count_column: str,
    group_column: str | list | None = None,
    also: pd.Series | None = None,
    margins: list | None = None,
) -> pd.Series:
    """Return a boolean mask of cells to hide: small counts (and any `also` marks), plus the next smallest cell of
    any total in which exactly one cell would be hidden, since that one could be recovered by subtraction.

    `group_column` names the column(s) whose rows add up to a total shown elsewhere (None: the whole frame);
    `margins` lists further such totals, for a table published beside its own sums (linked tables)."""
    counts = frame[count_column].fillna(0).astype(int)
    hidden = (counts > 0) & (counts < config.SUPPRESS_BELOW)
    if also is not None:
        hidden |= also.reindex(frame.index, fill_value=False).astype(bool) & (counts > 0)
    return hide_one_more(counts, hidden, frame, [group_column, *(margins or [])])


def hide_one_more(values: pd.Series, hidden: pd.Series, frame: pd.DataFrame, totals: list) -> pd.Series:
    """Return `hidden` with, in every total where exactly one non-zero value is hidden, the smallest other non-zero
    value hidden too (secondary suppression), repeated until no total is left with a single hidden value.

    `totals` lists groupings of `frame`'s rows that add up to a number shown elsewhere: column names, lists of
    them, or None for the whole frame."""
    hidden = hidden.copy() & (values > 0)
    groupings = [frame.groupby(t, dropna=False).groups if t else {None: frame.index} for t in totals]
    changed = True
    while changed:  # hiding a value for one total can leave another total with one hidden value
        changed = False
        for groups in groupings:
            for index in groups.values():
                in_total = hidden.loc[index]
                if in_total.sum() != 1:
                    continue
                others = values.loc[index][~in_total & (values.loc[index] > 0)]
                if not others.empty:
                    hidden.loc[others.idxmin()] = True
                    changed = True
    return hidden
