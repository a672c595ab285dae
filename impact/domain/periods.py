"""UK financial years and quarters (Q1 = April-June), as the board reports them."""

import datetime as dt


def financial_year(day: dt.date) -> str:
    """Return the financial year label of a date, e.g. 2024-25 for 1 May 2024 or 1 March 2025."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def financial_quarter(day: dt.date) -> str:
    """Return the financial quarter label of a date, e.g. 2024-25 Q1 for 1 May 2024."""
    quarter = (day.month - 4) % 12 // 3 + 1
    return f"{financial_year(day)} Q{quarter}"


def quarter_start(label: str) -> dt.date:
    """Return the first day of a quarter label such as 2024-25 Q3."""
    year, quarter = int(label[:4]), int(label[-1])
    month = 4 + 3 * (quarter - 1)
    return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def shift_quarter(label: str, by: int) -> str:
    """Return the quarter `by` quarters after `label` (negative for before)."""
    start = quarter_start(label)
    months = start.year * 12 + start.month - 1 + 3 * by
    return financial_quarter(dt.date(months // 12, months % 12 + 1, 1))


def quarter_end(label: str) -> dt.date:
    """Return the last day of a quarter label."""
    return quarter_start(shift_quarter(label, 1)) - dt.timedelta(days=1)


def future_quarters(today: dt.date, count: int = 40) -> list[str]:
    """Return the quarters after the one containing today (the next ten years): none of them has started."""
    current = financial_quarter(today)
    return [shift_quarter(current, ahead) for ahead in range(1, count + 1)]
