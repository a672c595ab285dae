"""The shared filters as a small value the Impact and Reach queries bind as parameters, and their options."""

import datetime as dt
import re
from dataclasses import dataclass, replace

import duckdb

from impact import config
from impact.domain.periods import financial_quarter

Connection = duckdb.DuckDBPyConnection

GRANULARITIES = {"wave": "Year", "quarter": "Quarter"}
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class Filters:
    """What the filter bar chose. Empty tuples and None mean "all"; the period is a range of quarters."""

    first: str = "0000-00 Q1"
    last: str = "9999-99 Q4"
    granularity: str = "wave"
    surveys: tuple[str, ...] = ()
    respondent_types: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()
    primary_needs: tuple[str, ...] = ()
    support_levels: tuple[str, ...] = ()
    localities: tuple[str, ...] = ()
    workstream: tuple[str, ...] = ()  # workstream codes; a single code or None is accepted too

    def __post_init__(self):
        # One workstream (a code) or none (None) as older callers give it; several as a tuple.
        chosen = self.workstream
        object.__setattr__(self, "workstream", (chosen,) if isinstance(chosen, str) else tuple(chosen or ()))

    def params(self) -> dict:
        """Return the filters as named parameters for the filtered_* table macros (migration 005)."""
        return {
            "first": self.first,
            "last": self.last,
            "surveys": list(self.surveys),
            "respondent_types": list(self.respondent_types),
            "age_bands": list(self.age_bands),
            "primary_needs": list(self.primary_needs),
            "support_levels": list(self.support_levels),
            "localities": list(self.localities),
            "workstream": list(self.workstream),
        }

    def period_params(self) -> dict:
        """Return params() plus the granularity that names each row's period (wave or quarter)."""
        return {**self.params(), "granularity": self.granularity}

    def attendance_params(self) -> dict:
        """Return the parameters of filtered_attendance, which knows only type, age band and workstream."""
        return {
            "first": self.first,
            "last": self.last,
            "respondent_types": list(self.respondent_types),
            "age_bands": list(self.age_bands),
            "workstream": list(self.workstream),
            "granularity": self.granularity,
        }

    def within(self, period: str) -> "Filters":
        """Return these filters narrowed to one period of their granularity (a year such as 2025-26, or a quarter)."""
        first, last = (f"{period} Q1", f"{period} Q4") if self.granularity == "wave" else (period, period)
        return replace(self, first=max(first, self.first), last=min(last, self.last))

    @property
    def respondent_fields_set(self) -> list[str]:
        """Return the names of the filters on fields only the surveys record (not activities, not Local Offer)."""
        names = {
            "age band": self.age_bands,
            "primary need": self.primary_needs,
            "support level": self.support_levels,
            "locality": self.localities,
        }
        return [name for name, chosen in names.items() if chosen]


def wave_range(first_wave: str, last_wave: str) -> tuple[str, str]:
    """Return the first and last quarter of a range of financial years."""
    return f"{first_wave} Q1", f"{last_wave} Q4"


def filter_options(con: Connection) -> dict[str, list[str]]:
    """Return the values each filter can take, in the order people expect to read them.

    Read from the responses counted at load time (migration 081): a cell is there exactly when a response is."""
    return _options(con, None)


def shared_options(con: Connection, today: dt.date | None = None) -> dict[str, list[str]]:
    """Return filter_options() plus "reporting_quarters" (common.reporting_quarters: the quarters Home and the Action
    plan can show), from one statement."""
    return _options(con, financial_quarter(today or dt.date.today()))


def _options(con: Connection, current: str | None) -> dict[str, list[str]]:
    # One statement, and no distinct or sort in it: each hash table DuckDB builds costs a few milliseconds and several
    # MB on a fresh connection, more than gathering the values (a few thousand) here. Sorted as "order by" sorts text
    # (by code point), without the missing values.
    fields = ["survey", "respondent_type", "age_band", "primary_need", "support_level", "locality"]
    row = con.execute(
        f"""select list(quarter), list(quarter) filter (where quarter <= $current),
            {", ".join(f"list({name})" for name in fields)},
            (select list(quarter) from activities),
            (select list(quarter) from action_status where quarter <= $current)
        from response_cells""",
        {"current": current or ""},  # the names are ours
    ).fetchone()
    cells_quarters, reporting, *values, activity_quarters, action_quarters = [value or [] for value in row]
    seen: dict[str, set] = {name: set(found) for name, found in zip(fields, values, strict=True)}
    seen["quarters"] = set(cells_quarters) | set(activity_quarters)
    seen["reporting_quarters"] = set(reporting) | set(action_quarters)
    distinct = {name: sorted(values - {None}) for name, values in seen.items()}
    quarters = distinct["quarters"]

    def field(name: str) -> list[str]:
        return _prefer_not_last(distinct[name])

    observed_bands = distinct["age_band"]
    bands = [b for b in config.AGE_BANDS if b in observed_bands]
    bands += sorted(b for b in observed_bands if b not in config.AGE_BANDS and b != config.PREFER_NOT_TO_SAY)
    if config.PREFER_NOT_TO_SAY in observed_bands:
        bands.append(config.PREFER_NOT_TO_SAY)
    return {
        "quarters": quarters,
        "waves": sorted({q[:7] for q in quarters}),
        "surveys": [s for s in config.SURVEYS if s in distinct["survey"]],
        "respondent_types": field("respondent_type"),
        "age_bands": bands,
        "primary_needs": field("primary_need"),
        "support_levels": field("support_level"),
        "localities": field("locality"),
        "workstreams": list(config.WORKSTREAMS),
    } | ({"reporting_quarters": distinct["reporting_quarters"]} if current else {})


def _prefer_not_last(values: list[str]) -> list[str]:
    return [v for v in values if v != config.PREFER_NOT_TO_SAY] + (
        [config.PREFER_NOT_TO_SAY] if config.PREFER_NOT_TO_SAY in values else []
    )


# One filter state for every page, in the address: these parameter names and codes on every page, e.g.
# ?workstream=B3&workstream=B4&by=quarter&from=2025-26-Q1&to=2026-27-Q2&who=young-person&age=12-16&quarter=2026-27-Q2
GROUP_PARAMS = {
    "surveys": "survey",
    "respondent_types": "who",
    "age_bands": "age",
    "primary_needs": "need",
    "support_levels": "support",
    "localities": "area",
}
PARAMS = ("workstream", "by", "from", "to", "quarter", *GROUP_PARAMS.values())
BY_CODES = {"wave": "year", "quarter": "quarter"}
GROUP_NAMES = {
    "surveys": "survey",
    "respondent_types": "respondent type",
    "age_bands": "age band",
    "primary_needs": "primary need",
    "support_levels": "support level",
    "localities": "locality",
}
_QUARTER_CODE = re.compile(r"^(\d{4})-(\d{2})-Q([1-4])$")
_YEAR_CODE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class SharedState:
    """The filters every page shares, as the database spells them. None and () mean "all" (or the latest quarter)."""

    workstreams: tuple[str, ...] = ()
    granularity: str = "wave"
    first: str | None = None  # a quarter such as 2025-26 Q1; None: from the earliest
    last: str | None = None  # None: to the latest
    quarter: str | None = None  # the quarter of Home and the Action plan; None: the latest
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (filter name, chosen values) for the GROUP_PARAMS

    def group(self, name: str) -> tuple[str, ...]:
        """Return the values chosen for one respondent group filter (surveys, respondent_types, ...)."""
        return dict(self.groups).get(name, ())

    def with_group(self, name: str, values) -> "SharedState":
        """Return the state with one group filter replaced."""
        groups = {**dict(self.groups), name: tuple(values)}
        return replace(self, groups=tuple((n, v) for n, v in groups.items() if v))


def group_code(value: str) -> str:
    """Return the address code of a group value: 'Young person' -> 'young-person', '12-16' -> '12-16'."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def period_code(label: str) -> str:
    """Return the address code of a period: '2026-27 Q2' -> '2026-27-Q2', '2025-26' stays."""
    return label.replace(" ", "-")


def quarter_label(code: str) -> str | None:
    """Return the quarter a code names ('2026-27-Q2' or '2026-27 Q2' -> '2026-27 Q2'), or None."""
    match = _QUARTER_CODE.match(code.replace(" ", "-"))
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        return None
    return f"{match.group(1)}-{match.group(2)} Q{match.group(3)}"


def _range_end(code: str, end: str) -> str | None:
    """Return the first (end='Q1') or last (end='Q4') quarter a year or quarter code covers, or None."""
    if match := _YEAR_CODE.match(code):
        return f"{code} {end}" if (int(match.group(1)) + 1) % 100 == int(match.group(2)) else None
    return quarter_label(code)


def encode(state: SharedState) -> dict[str, list[str]]:
    """Return the address parameters of a shared state (only what differs from "all")."""
    out: dict[str, list[str]] = {}
    if state.workstreams:
        out["workstream"] = list(state.workstreams)
    if state.granularity != "wave":
        out["by"] = [BY_CODES[state.granularity]]
    for name, value in (("from", state.first), ("to", state.last)):
        if value:
            out[name] = [period_code(value[:7] if state.granularity == "wave" else value)]
    if state.quarter:
        out["quarter"] = [period_code(state.quarter)]
    for name, param in GROUP_PARAMS.items():
        if values := state.group(name):
            out[param] = [v if name == "surveys" else group_code(v) for v in values]
    return out


def decode(params: dict[str, list[str]], options: dict) -> tuple[SharedState, list[str]]:
    """Return the shared state an address asks for, and a sentence for each value it cannot use (left out).

    `options` is filter_options() plus "reporting_quarters" (the quarters Home and the Action plan can show)."""
    notices = []
    # Several values come as repeated parameters (?workstream=B3&workstream=B4) or typed by hand as B3,B4.
    params = {
        name: [v.strip() for value in values for v in value.split(",") if v.strip()] for name, values in params.items()
    }

    def unknown(what: str, value: str, hint: str) -> None:
        notices.append(f"The link's {what} “{value}” is not one this app knows ({hint}), so it was left out.")

    workstreams = []
    for code in params.get("workstream", []):
        if code.upper() in config.WORKSTREAMS:
            workstreams.append(code.upper())
        else:
            unknown("workstream", code, "codes such as B4")
    by = params.get("by", ["year"])[-1]
    granularity = {code: name for name, code in BY_CODES.items()}.get(by)
    if granularity is None:
        unknown("“show by”", by, "year or quarter")
    first = last = None
    for name, end in (("from", "Q1"), ("to", "Q4")):
        for code in params.get(name, [])[-1:]:
            value = _range_end(code, end)
            if value is None:
                unknown("period", code, "a year such as 2025-26 or a quarter such as 2026-27-Q2")
            first, last = (value, last) if name == "from" else (first, value)
    if first and last and first > last:
        first, last = last, first
    quarter = None
    for code in params.get("quarter", [])[-1:]:
        quarter = quarter_label(code)
        if quarter not in options.get("reporting_quarters", []):
            unknown("quarter", code, "a quarter with data, such as 2026-27-Q2")
            quarter = None
    state = SharedState(tuple(dict.fromkeys(workstreams)), granularity or "wave", first, last, quarter)
    for name, param in GROUP_PARAMS.items():
        by_code = {(v if name == "surveys" else group_code(v)): v for v in options.get(name, [])}
        chosen = []
        for code in params.get(param, []):
            value = by_code.get(code) or by_code.get(group_code(code))
            if value:
                chosen.append(value)
            else:
                unknown(GROUP_NAMES[name], code, "not in the data")
        state = state.with_group(name, dict.fromkeys(chosen))
    return state, notices


def clip_range(state: SharedState, periods: list[str], granularity: str) -> tuple[str, str]:
    """Return the state's range as two of `periods` (years or quarters, oldest first): the first period from its start
    and the last up to its end, or the whole list where the state says "all" or nothing falls inside."""
    first = state.first[:7] if state.first and granularity == "wave" else state.first
    last = state.last[:7] if state.last and granularity == "wave" else state.last
    inside = [p for p in periods if (first is None or p >= first) and (last is None or p <= last)]
    return (inside[0], inside[-1]) if inside else (periods[0], periods[-1])
