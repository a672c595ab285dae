"""Guard against differencing: for each count a filtered view shows, how far it is from the views one filter value
away.

A reader who sees 23 young people aged 12-16 in North for "all needs" and 20 for "Autism and SEMH" has learned that
3 young people aged 12-16 in North have PMLD, although the PMLD view shows "c". So every count a query returns under
chosen filters gets a `<count>_gap` column: its smallest non-zero difference from the views one filter value away,
and impact/domain/disclosure.py hides a count whose gap is 1-4, and a percentage whose base gap is under 10.

Of each such pair of views, one hides the cell, so the difference is never there to take:
- a filter of several values hides what one of its values adds ("North and Out of area" hides a cell where Out of
  area adds 1-4), so a single value, the choice most readers make, stays as it is;
- a filter of one or more values hides what "all" adds (all, as shown with no filter, includes answers that did
  not record the field), so the page with no filters, which most readers see, stays as it is;
- the same for a workstream against all workstreams, and, for counts summed over the whole period range, for a
  range against the range stretched one period further either way.
"""

from collections.abc import Callable
from dataclasses import replace

import duckdb
import pandas as pd

from impact.queries.filters import Filters, filter_options

Connection = duckdb.DuckDBPyConnection
Query = Callable[[Connection, Filters], pd.DataFrame]

# The filters a reader can change one value at a time (the period is shown period by period, so it is not one).
RESPONSE_FILTERS = ("surveys", "respondent_types", "age_bands", "primary_needs", "support_levels", "localities")
ATTENDANCE_FILTERS = ("respondent_types", "age_bands")


def neighbour_views(
    filters: Filters, options: dict, names=RESPONSE_FILTERS, over_range: bool = False
) -> list[tuple[Filters, bool]]:
    """Return the views one filter value away that this view must not be subtracted from, each with whether it
    contains this view (True: the difference is it minus this view) or is the one value this view adds to a smaller
    one (False: its own count is the difference).

    With `over_range` (for counts summed over the whole period range), also the range stretched to each earlier and
    each later period (`options` gives the waves and quarters with data): counts only grow as it stretches, so the
    smallest difference is always among these."""
    views = [(replace(filters, first=first, last=filters.last), True) for first in _earlier(filters, options)]
    views += [(replace(filters, first=filters.first, last=last), True) for last in _later(filters, options)]
    views = views if over_range else []
    for name in names:
        chosen = getattr(filters, name)
        if not chosen:
            continue
        views.append((replace(filters, **{name: ()}), True))  # the filter cleared: "all", including not recorded
        if len(chosen) > 1:
            views += [(replace(filters, **{name: (value,)}), False) for value in chosen]
    if filters.workstream:
        views.append((replace(filters, workstream=None), True))
    return views


def _earlier(filters: Filters, options: dict) -> list[str]:
    """Return the first quarter of each period before the range (periods of the filters' granularity)."""
    if filters.granularity == "wave":
        return [f"{wave} Q1" for wave in options["waves"] if f"{wave} Q1" < filters.first]
    return [quarter for quarter in options["quarters"] if quarter < filters.first]


def _later(filters: Filters, options: dict) -> list[str]:
    """Return the last quarter of each period after the range."""
    if filters.granularity == "wave":
        return [f"{wave} Q4" for wave in options["waves"] if f"{wave} Q4" > filters.last]
    return [quarter for quarter in options["quarters"] if quarter > filters.last]


def with_gaps(
    query: Query,
    con: Connection,
    filters: Filters,
    keys: list[str],
    counts: list[str],
    names=RESPONSE_FILTERS,
    total_by: list[str] | None = None,
    over_range: bool = False,
) -> pd.DataFrame:
    """Return query(con, filters) with a `<count>_gap` column per count: the smallest non-zero difference from a
    neighbouring view (neighbour_views; blank when none differs).

    With `total_by` (columns, or [] for all rows), also `<count>_total_gap`: the same for the rows' sum per those
    columns, which the page shows as everyone's figure (a neighbouring view may have a row this view does not)."""
    frame = query(con, filters).reset_index(drop=True)
    gaps = {count: pd.Series(float("nan"), index=frame.index) for count in counts}
    total_gaps = {count: pd.Series(float("nan"), index=frame.index) for count in counts}
    # The periods there are matter only when the range may stretch; the values are the ones chosen.
    options = filter_options(con) if over_range and not frame.empty else {"waves": [], "quarters": []}
    views = neighbour_views(filters, options, names, over_range) if not frame.empty else []
    for view, contains in views:
        other = query(con, view)
        matched = frame[keys].merge(other[keys + counts], on=keys, how="left")
        for count in counts:
            theirs = matched[count].fillna(0).to_numpy()
            difference = pd.Series(theirs - frame[count].to_numpy() if contains else theirs, index=frame.index)
            gaps[count] = _smallest(gaps[count], difference)
            if total_by is not None:
                total_gaps[count] = _smallest(total_gaps[count], _total_difference(frame, other, count, total_by,
                                                                                   contains))  # fmt: skip
    for count in counts:
        frame[f"{count}_gap"] = gaps[count]
        if total_by is not None:
            frame[f"{count}_total_gap"] = total_gaps[count]
    return frame


def _smallest(gaps: pd.Series, difference: pd.Series) -> pd.Series:
    return pd.concat([gaps, difference.where(difference > 0)], axis=1).min(axis=1)


def _total_difference(frame: pd.DataFrame, other: pd.DataFrame, count: str, by: list[str], contains: bool):
    """Return, for each row of `frame`, how much the other view's sum over the row's `by` group exceeds this one's."""
    if not by:
        mine, theirs = frame[count].sum(), other[count].sum()
        return pd.Series(theirs - mine if contains else theirs, index=frame.index, dtype=float)
    mine = frame.groupby(by)[count].sum()
    theirs = other.groupby(by)[count].sum().reindex(mine.index, fill_value=0)
    per_group = theirs - mine if contains else theirs
    return frame[by].merge(per_group.rename("d").reset_index(), on=by, how="left")["d"].astype(float)
