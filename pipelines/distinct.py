"""Work on a column's distinct values: survey answers repeat (a scale has a handful of wordings, an area a dozen
names), so reading each distinct value once makes a million rows cost a few hundred calls, not a million."""

import numpy as np
import pandas as pd


def map_values(values: pd.Series, function) -> pd.Series:
    """Return `values.map(function)`, calling the function once per distinct value (blank cells read as None)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    results = np.empty(len(uniques) + 1, dtype=object)
    results[:] = [*(function(u) for u in uniques), function(None) if (codes < 0).any() else None]
    return pd.Series(results[codes], index=values.index, name=values.name)


def distinct_counts(values: pd.Series) -> tuple[np.ndarray, pd.Index, np.ndarray]:
    """Return (each row's code, the distinct values in the order the column first gives them, how many rows each)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes, uniques, np.bincount(codes[codes >= 0], minlength=len(uniques))
