"""Small-number rules, applied in one place to every number that leaves the database."""

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


def can_show_percent(base: int | None, min_base: int | None = None) -> bool:
    """Return whether a percentage on this base may be shown (base of at least the minimum)."""
    min_base = config.MIN_BASE_FOR_PERCENT if min_base is None else min_base
    return base is not None and not pd.isna(base) and int(base) >= min_base


def format_percent(positive: int, base: int) -> str:
    """Return '63% (n=212)', or a plain statement that the base is too small to show."""
    if not can_show_percent(base):
        return f"not shown (n<{config.MIN_BASE_FOR_PERCENT})" if base else "no answers"
    return f"{100 * positive / base:.0f}% (n={base:,})"


def suppress_counts(frame: pd.DataFrame, count_column: str, group_column: str | None = None) -> pd.Series:
    """Return a boolean mask of cells to hide: small counts, plus the next smallest where one hidden
    cell in a group could be recovered by subtracting the others from the group's total."""
    threshold = config.SUPPRESS_BELOW
    counts = frame[count_column].fillna(0).astype(int)
    hidden = (counts > 0) & (counts < threshold)
    groups = frame.groupby(group_column).groups if group_column else {None: frame.index}
    for index in groups.values():
        group_hidden = hidden.loc[index]
        if group_hidden.sum() == 1:
            # Secondary suppression: hide the smallest other non-zero cell in the same total.
            others = counts.loc[index][~group_hidden & (counts.loc[index] > 0)]
            if not others.empty:
                hidden.loc[others.idxmin()] = True
    return hidden
