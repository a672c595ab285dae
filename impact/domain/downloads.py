"""CSV downloads of exactly what a page shows, safe to open in Excel."""

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Return text that a spreadsheet would run as a formula with a leading apostrophe, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Return the frame as UTF-8 CSV (with BOM, so Excel reads accents), text cells neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_formula)
    safe.columns = [neutralise_formula(str(c)) for c in safe.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")


def csv_with_filters(frame: pd.DataFrame, filters_in_force: str) -> bytes:
    """Return csv_bytes of the frame with a last column saying which filters were in force (one value per row)."""
    return csv_bytes(frame.assign(**{"Filters in force": filters_in_force}))
