"""The shared filters as a small value the Impact and Reach queries bind as parameters, and their options."""

from dataclasses import dataclass, replace

import duckdb

from impact import config

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
    workstream: str | None = None

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
            "workstream": self.workstream,
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
            "workstream": self.workstream,
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
    """Return the values each filter can take, in the order people expect to read them."""

    def distinct(sql: str) -> list[str]:
        return [row[0] for row in con.execute(sql).fetchall() if row[0] is not None]

    quarters = distinct("select quarter from responses union select quarter from activities order by 1")
    observed_bands = distinct("select distinct age_band from responses")
    bands = [b for b in config.AGE_BANDS if b in observed_bands]
    bands += sorted(b for b in observed_bands if b not in config.AGE_BANDS and b != config.PREFER_NOT_TO_SAY)
    if config.PREFER_NOT_TO_SAY in observed_bands:
        bands.append(config.PREFER_NOT_TO_SAY)
    return {
        "quarters": quarters,
        "waves": sorted({q[:7] for q in quarters}),
        "surveys": [s for s in config.SURVEYS if s in distinct("select distinct survey from responses")],
        "respondent_types": _prefer_not_last(distinct("select distinct respondent_type from responses order by 1")),
        "age_bands": bands,
        "primary_needs": _prefer_not_last(distinct("select distinct primary_need from responses order by 1")),
        "support_levels": _prefer_not_last(distinct("select distinct support_level from responses order by 1")),
        "localities": _prefer_not_last(distinct("select distinct locality from responses order by 1")),
        "workstreams": list(config.WORKSTREAMS),
    }


def _prefer_not_last(values: list[str]) -> list[str]:
    return [v for v in values if v != config.PREFER_NOT_TO_SAY] + (
        [config.PREFER_NOT_TO_SAY] if config.PREFER_NOT_TO_SAY in values else []
    )
