"""Work on a column's distinct values: survey answers repeat (a scale has a handful of wordings, an area a dozen
names), so reading each distinct value once makes a million rows cost a few hundred calls, not a million."""

import numpy as np
import pandas as pd


def map_values(values: pd.Series, function, containing: str | None = None) -> pd.Series:
    """Return `values.map(function)`, calling the function once per distinct value (blank cells read as None).

    With `containing` (a regular expression, any case), the function is called only for text values it finds in,
    and the rest read as None: a quick sieve for a rule that only such values can meet ("test" in an answer)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    results = np.full(len(uniques) + 1, None, dtype=object)
    chosen = range(len(uniques)) if containing is None else _containing(uniques, containing)
    for i in chosen:  # one by one: a result may be a tuple, which numpy would spread over several cells
        results[i] = function(uniques[i])
    if containing is None and (codes < 0).any():
        results[-1] = function(None)
    return pd.Series(results[codes], index=values.index, name=values.name)


def _containing(uniques, pattern: str) -> np.ndarray:
    """Return the positions of the text values the pattern is found in (Arrow's regular expressions, in C)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = pa.array([u if isinstance(u, str) else None for u in uniques], type=pa.string())
    found = pc.match_substring_regex(texts, pattern, ignore_case=True)
    return np.flatnonzero(found.fill_null(False).to_numpy(zero_copy_only=False))


def distinct_counts(values: pd.Series) -> tuple[np.ndarray, pd.Index, np.ndarray]:
    """Return (each row's code, the distinct values in the order the column first gives them, how many rows each)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes, uniques, np.bincount(codes[codes >= 0], minlength=len(uniques))
