"""The scorecard's actuals: each measure computed by the same queries and disclosure rules the pages use.

No SQL of its own beyond reading officers' edits: indicators come from `impact.indicator_trends` (indicator_trend
for several at once) through `measures.proportion_table`, reach from `reach.reach_rates` through `measures.rates`,
counts through `measures.shown_counts`, actions from `actions.on_track_by_workstream`, days from
`quality.feedback_totals_by_window`; each measure of one kind comes from one query.
"""

from dataclasses import dataclass, field

import duckdb

from impact import config
from impact.domain import measures
from impact.domain import scorecard as rules
from impact.domain.disclosure import suppress_count
from impact.domain.periods import shift_quarter
from impact.domain.scorecard import Measure
from impact.domain.stats import Proportion
from impact.queries import actions, quality, reach
from impact.queries import impact as impact_queries
from impact.queries.common import year_to
from impact.queries.filters import Filters

Connection = duckdb.DuckDBPyConnection


@dataclass(frozen=True)
class Point:
    """One period's value of a measure as the pages may show it (value None when hidden)."""

    period: str
    value: float | None
    base: str  # the base n as shown ("c" for 1-4)


@dataclass(frozen=True)
class Row:
    """One measure in one quarter: its definition, milestone, actual, RAG with its word, trend and commentary."""

    measure: Measure
    quarter: str
    actual: Point | None
    milestone_quarter: str | None
    milestone: float | None
    rag: str
    rag_word: str
    commentary: str
    trend: list[Point] = field(default_factory=list)

    @property
    def needs_commentary(self) -> bool:
        """Return whether the measure is red with no commentary for the quarter (flagged to officers)."""
        return self.rag == "Red" and not self.commentary


def scorecard_measures(con: Connection) -> list[Measure]:
    """Return the measures of the scorecard file with officers' edits applied (latest edit wins)."""
    edits = con.execute("select measure_id, field, quarter, value from scorecard_edits_in_order").fetchall()
    by_measure: dict[str, list] = {}
    for measure_id, name, quarter, value in edits:
        by_measure.setdefault(measure_id, []).append((name, quarter, value))
    return [rules.with_edits(m, by_measure.get(m.id, [])) for m in rules.load_measures()]


def measure_target(con: Connection, measure_id: str) -> float | None:
    """Return a measure's target (the Reach page draws it), or None if the scorecard has no such measure."""
    return next((m.target for m in scorecard_measures(con) if m.id == measure_id), None)


def scorecard_rows(con: Connection, quarter: str, workstream: str | None = None) -> list[Row]:
    """Return one row per measure (of one workstream, or all) for the quarter."""
    rows = []
    chosen = [m for m in scorecard_measures(con) if not workstream or m.workstream == workstream]
    # Every measure of actions on track for its workstream from one query, and every indicator's trend from one.
    fetched = {
        "on_track": actions.on_track_by_workstream(
            con,
            _five_quarters(quarter),
            list(dict.fromkeys(m.source["workstream"] for m in chosen if m.kind == "actions_on_track")),
        )
    }
    asked = list(dict.fromkeys(_indicator_asked(m) for m in chosen if m.kind == "indicator_percent"))
    if asked:
        trends = impact_queries.indicator_trends(con, _survey_filters(quarter), asked)
        fetched["trends"] = dict(zip(asked, trends, strict=True))
    for measure in chosen:
        trend = _trend(con, measure, quarter, fetched)
        actual = trend[-1] if trend else None
        milestone_quarter, milestone = measure.milestone_for(quarter)
        colour, word = rules.rag(measure, actual.value if actual else None, milestone)
        commentary = measure.commentary.get(quarter, "")
        rows.append(Row(measure, quarter, actual, milestone_quarter, milestone, colour, word, commentary, trend))
    return rows


def last_whole_year(quarter: str) -> str:
    """Return the last quarter of the latest whole financial year by the quarter: survey measures read whole years."""
    return quarter if quarter.endswith("Q4") else f"{shift_quarter(quarter, -4)[:7]} Q4"


def _five_quarters(quarter: str) -> list[str]:
    # The quarter and the four before it, so a year's change shows.
    return [shift_quarter(quarter, -back) for back in range(4, -1, -1)]


def _survey_filters(quarter: str) -> Filters:
    return Filters(last=last_whole_year(quarter), granularity="wave")


def _indicator_asked(measure: Measure) -> tuple[str, str | None]:
    # The indicator and the respondent type it is measured for (None: everyone).
    return measure.source["indicator"], measure.source.get("group") or None


def _trend(con: Connection, measure: Measure, quarter: str, fetched: dict) -> list[Point]:
    source = measure.source
    survey_filters = _survey_filters(quarter)
    if measure.kind == "indicator_percent":
        return _indicator(fetched["trends"][_indicator_asked(measure)])
    if measure.kind == "reach_per_100":
        table = measures.rates(reach.reach_rates(con, survey_filters, "age_band"))
        table = table[table["group"] == source["age_band"]]
        return [Point(r.period, _number(r.rate), r.shown_label) for r in table.sort_values("period").itertuples()]
    if measure.kind == "young_people_responding":
        return _counts(measures.shown_counts(reach.young_people_by_age_band(con, survey_filters), "n", "period"),
                       source["age_band"])  # fmt: skip
    if measure.kind == "attendances":
        return _counts(measures.shown_counts(reach.attendance_by_age_band(con, survey_filters), "n", "period"),
                       source["age_band"])  # fmt: skip
    if measure.kind == "actions_on_track":
        return _actions(fetched["on_track"][source["workstream"]], quarter)
    return _days(con, measure.workstream if source.get("workstream") else None, quarter)


def _indicator(trend) -> list[Point]:
    # trend: indicator_trend for the indicator and the group it is measured for (impact.indicator_trends)
    table = measures.proportion_table(trend, "indicator")
    return [Point(r.period, _number(r.percent), r.base_label) for r in table.sort_values("period").itertuples()]


def _counts(table, age_band: str) -> list[Point]:
    rows = table[table["age_band"] == age_band].sort_values("period")
    return [Point(r.period, _number(r.shown), r.shown_label) for r in rows.itertuples()]


def _actions(counts: dict[str, Proportion], quarter: str) -> list[Point]:
    return [
        Point(period, on_track.percent, f"{on_track.base:,}")
        for period in _five_quarters(quarter)
        if (on_track := counts.get(period)) is not None and on_track.base
    ]


def _days(con: Connection, workstream: str | None, quarter: str) -> list[Point]:
    points = []
    # The quarter and the four before it, each with its year to date; one query for the five.
    periods = _five_quarters(quarter)
    by_period = quality.feedback_totals_by_window(con, workstream, [year_to(period) for period in periods])
    for period, totals in zip(periods, by_period, strict=True):
        responded = totals["responded"]
        # A median of 1-4 responses could give away one record's dates: hidden like a count of 1-4.
        shown = totals["median_days"] is not None and responded >= config.SUPPRESS_BELOW
        if responded:
            points.append(Point(period, float(totals["median_days"]) if shown else None, suppress_count(responded)))
    return points


def _number(value) -> float | None:
    return None if value is None or value != value else float(value)  # NaN is "hidden"
