"""Small-number rules, applied in one place to every number that leaves the database.

Every count reaching these rules is already a published count: perturbed by the cell-key method in the query SQL
(the published_* macros of migration 021, with the table in impact/domain/perturbation_table.csv), so a difference
of two views is noise, not a hidden count. On top of that (domain.md), after every filter:
- a published count of 1-4 is shown as "c" (a true zero stays 0; published counts are never 1 or 2);
- no percentage or rate on a base under 10.
Secondary suppression and the differencing guard are gone: with perturbed counts, a total minus its shown parts,
or one view minus another, does not give a hidden count (docs/security.md, "Perturbed counts").
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
