"""Repair what Excel does to survey exports, and say so: age bands turned into dates, response ids without their
leading zeros, columns of ticks (one per option) for a pick-several question. Each returns the repaired values and
a sentence for the report (None when nothing needed repairing)."""

import re

import pandas as pd

from pipelines.distinct import map_values
from pipelines.formats import simple

MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
# Excel reads "11-15" as November 2015 and shows "Nov-15"; it reads "10-12" as 12 October and shows "12-Oct".
MONTH_FIRST = re.compile(r"^([a-z]{3})[a-z]*[-/ ](\d{1,2})$")
DAY_FIRST = re.compile(r"^(\d{1,2})[-/ ]([a-z]{3})[a-z]*$")
TICK_OFF = {"", "0", "no", "false", "n", "-", "not selected", "unticked"}
OPTION_SEPARATORS = (" - ", " – ", ": ")


def excel_age_bands(ages: pd.Series) -> tuple[pd.Series, str | None]:
    """Return ages with Excel's dates turned back into the bands they were ('Nov-15' -> '11-15')."""
    repaired: dict[str, str] = {}

    def one(value):
        if not isinstance(value, str):
            return value
        text = value.strip().lower()
        for pattern, month_group in ((MONTH_FIRST, 1), (DAY_FIRST, 2)):
            if (match := pattern.match(text)) and match.group(month_group)[:3] in MONTHS:
                month = MONTHS[match.group(month_group)[:3]]
                other = int(match.group(3 - month_group))
                low, high = sorted((month, other))
                repaired[value.strip()] = f"{low}-{high}"
                return repaired[value.strip()]
        return value

    fixed = map_values(ages, one)  # once per distinct answer, in the order the file gives them
    if not repaired:
        return fixed, None
    shown = ", ".join(f"'{k}' as {v}" for k, v in list(repaired.items())[:4])
    return fixed, f"Age answers that Excel had turned into dates were read back as the age bands they were: {shown}."


def leading_zeros(ids: pd.Series, width: int | None) -> tuple[pd.Series, str | None]:
    """Return all-digit response ids padded to the width earlier exports used, when Excel dropped their zeros."""
    if not width:  # no earlier export with zeros to match: nothing to repair (the ids come trimmed)
        return ids, None
    texts = ids.map(lambda v: v.strip() if isinstance(v, str) else v)
    digits = texts.dropna()
    if not width or digits.empty or not digits.map(lambda v: isinstance(v, str) and v.isdigit()).all():
        return texts, None
    short = digits.map(len) < width
    if not short.any():
        return texts, None
    example = digits[short].iloc[0]
    padded = texts.map(lambda v: v.zfill(width) if isinstance(v, str) and v.isdigit() else v)
    note = (
        f"Response IDs had lost their leading zeros (Excel reads them as numbers): {short.sum()} were padded back "
        f"to the {width} digits earlier exports used, such as '{example}' as '{example.zfill(width)}'."
    )
    return padded, note


def option_columns(raw: pd.DataFrame, question_texts: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """Return the frame with each run of 'Question - Option' columns joined into one 'Question' column of the
    options ticked, '; '-separated, for the pick-several questions named; and the questions rebuilt."""
    wanted = {simple(text): text for text in question_texts}
    groups: dict[str, list[tuple[str, str]]] = {}
    for header in raw.columns:
        for separator in OPTION_SEPARATORS:
            if separator in str(header):
                stem, option = str(header).rsplit(separator, 1)
                stem_key = re.sub(r"\s*\(([^)]*)\)\s*$", "", stem).strip()
                if simple(stem_key) in wanted or simple(stem) in wanted:
                    groups.setdefault(stem.strip(), []).append((header, option.strip()))
                break
    rebuilt = []
    for stem, members in groups.items():
        if len(members) < 2:
            continue
        columns = [raw[h] for h, _ in members]
        raw = raw.drop(columns=[h for h, _ in members])
        raw[stem] = [_ticked(values, [o for _, o in members]) for values in zip(*columns, strict=True)]
        rebuilt.append(stem)
    return raw, rebuilt


def _ticked(values: tuple, options: list[str]) -> str | None:
    chosen = [o for o, v in zip(options, values, strict=True) if isinstance(v, str) and simple(v) not in TICK_OFF]
    return "; ".join(chosen) or None
