"""Read a column of dates as survey tools write them, deciding day/month order from the whole column.

04/11/2024 is 4 November in the UK and 11 April in the US. One date cannot say which; a column usually can
(13/11/2024 is only day-first, 11/13/2024 only month-first). With no evidence either way, dates are read the
UK way unless that would put some in the future and the US way would not.
"""

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipelines.distinct import distinct_counts

TIME = r"(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?\s*([ap]\.?m\.?)?)?"
# Google Forms writes "GMT+1" in summer: an offset of one digit, with no minutes.
ZONE = r"\s*(?:z|[+-]\d{2}:?\d{2}|gmt|bst|utc)?\s*(?:[+-]\d{1,2}(?::?\d{2})?)?"
ISO = re.compile(rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){TIME}{ZONE}$", re.IGNORECASE)
SLASHED = re.compile(rf"^(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{4}}|\d{{2}}){TIME}{ZONE}$", re.IGNORECASE)
SERIAL = re.compile(r"^(\d{5})(?:[.,](\d+))?$")
MONTH_NAME = re.compile(r"[a-z]{3}", re.IGNORECASE)
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
# Excel serial numbers from 1982 to 2119: anything else in a date column is not a date.
SERIAL_RANGE = (30_000, 80_000)

DAY_FIRST, MONTH_FIRST = "day-first", "month-first"


@dataclass
class DateReading:
    """A column of dates read, with the order chosen and a sentence saying why."""

    values: pd.Series  # datetime64; NaT where a value could not be read
    order: str | None  # day-first, month-first, or None when no date needed choosing
    note: str | None  # for the officer, e.g. "Dates were read as day/month/year: 13/11/2024 ..."


def read_dates(raw: pd.Series, now: dt.datetime | None = None) -> DateReading:
    """Return the column's dates, choosing day/month order from every value in it."""
    now = now or dt.datetime.now()
    # Each distinct value is read once; the evidence counts rows, as a reader of the column would.
    codes, uniques, counts = distinct_counts(raw)
    texts = [v.strip() if isinstance(v, str) else None for v in uniques]
    orders = [_slashed_order(t) if t else None for t in texts]

    def having(order: str) -> tuple[list[str], int]:
        found = [i for i, o in enumerate(orders) if o == order]
        return [texts[i] for i in found], int(sum(counts[i] for i in found))

    (day_evidence, days), (month_evidence, months) = having(DAY_FIRST), having(MONTH_FIRST)
    ambiguous, _ = having("either")
    if months > days:
        order, note = MONTH_FIRST, _evidence_note(MONTH_FIRST, month_evidence[0], days, day_evidence)
    elif day_evidence:
        order, note = DAY_FIRST, _evidence_note(DAY_FIRST, day_evidence[0], months, month_evidence)
    elif ambiguous:
        weights = {t: 0 for t in ambiguous}
        for t, o, n in zip(texts, orders, counts, strict=True):
            if o == "either":
                weights[t] += int(n)
        uk_future = sum(n for t, n in weights.items() if (d := _parse(t, DAY_FIRST)) is not None and d > now)
        us_future = sum(n for t, n in weights.items() if (d := _parse(t, MONTH_FIRST)) is not None and d > now)
        if uk_future and not us_future:
            order = MONTH_FIRST
            note = (
                f"Every date could be read either way (such as {ambiguous[0]}); they were read as month/day/year, "
                "because day/month/year would put some in the future."
            )
        else:
            order = DAY_FIRST
            note = (
                f"Every date could be read either way (such as {ambiguous[0]}); they were read as day/month/year, "
                "the UK order. If the survey tool uses the US order, check the dates in the preview."
            )
    else:
        order, note = None, _other_note(texts)
    parsed = np.array([*(_parse(t, order or DAY_FIRST) for t in texts), None], dtype=object)
    values = pd.Series(parsed[codes], index=raw.index, dtype="datetime64[us]")
    return DateReading(values=values, order=order, note=note)


def parse_dates(raw: pd.Series) -> pd.Series:
    """Return the column as timestamps (day/month order decided from the whole column); unreadable becomes NaT."""
    return read_dates(raw).values


def _slashed_order(text: str) -> str | None:
    match = SLASHED.match(text)
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if first > 12 and second <= 12:
        return DAY_FIRST
    if second > 12 and first <= 12:
        return MONTH_FIRST
    return "either" if first <= 12 and second <= 12 else None


def _evidence_note(order: str, example: str, against_count: int, against: list[str]) -> str:
    words = "day/month/year" if order == DAY_FIRST else "month/day/year"
    note = f"Dates were read as {words}: {example} can only be read that way."
    if against:
        note += f" {against_count} date(s) written the other way (such as {against[0]}) could not be read."
    return note


def _other_note(texts: list[str | None]) -> str | None:
    present = [t for t in texts if t]
    if present and all(SERIAL.match(t) for t in present):
        return f"Dates were Excel date numbers (such as {present[0]}) and were converted to dates."
    return None


def _parse(text: str | None, order: str) -> dt.datetime | None:
    """Return one value as a datetime, or None if it is not a date this module can read unambiguously."""
    if not text:
        return None
    try:
        if match := ISO.match(text):
            year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
            return _combine(year, month, day, match.groups()[3:7])
        if match := SLASHED.match(text):
            first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
            year += 2000 if year < 100 else 0
            day, month = (first, second) if order == DAY_FIRST else (second, first)
            return _combine(year, month, day, match.groups()[3:7])
        if match := SERIAL.match(text):
            serial = float(f"{match.group(1)}.{match.group(2) or 0}")
            if SERIAL_RANGE[0] <= serial <= SERIAL_RANGE[1]:
                return EXCEL_EPOCH + dt.timedelta(seconds=round(serial * 86_400))
            return None
        if MONTH_NAME.search(text):
            # Month names are unambiguous: "4 Nov 2024", "November 4, 2024 9:15 AM".
            parsed = pd.to_datetime(text, dayfirst=True)
            return None if pd.isna(parsed) else parsed.tz_localize(None).to_pydatetime()
    except (ValueError, OverflowError, TypeError):
        return None
    return None


def _combine(year: int, month: int, day: int, time: tuple) -> dt.datetime:
    hour, minute, second, half = time
    hour, minute, second = int(hour or 0), int(minute or 0), int(second or 0)
    if half:
        if not 1 <= hour <= 12:
            raise ValueError("12-hour clock out of range")
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    return dt.datetime(year, month, day, hour, minute, second)
