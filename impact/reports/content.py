"""What goes in the board pack for a quarter: the same queries, disclosure rules, charts and takeaways the pages use.

Each section calls the functions its page section calls (impact/views/sections/*), in the same order, so a change to
how a number is counted or hidden reaches the pack without touching this module.
"""

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from impact import config
from impact.domain import measures
from impact.queries import actions as action_queries
from impact.queries import impact as impact_queries
from impact.queries import provenance, quality, scorecard
from impact.queries import reach as reach_queries
from impact.queries.common import year_to
from impact.queries.filters import Filters
from impact.views import feedback_summary, takeaways
from impact.views import quality_summary as summary
from impact.views.charts import actions as action_charts
from impact.views.charts import impact as impact_charts
from impact.views.charts import reach as reach_charts
from impact.views.charts import scorecard as scorecard_tables
from impact.views.charts.quality import ladder_over_time_chart

VERSION = "1.0"
DISCLOSURE_RULES = [
    f"Counts of 1 to {config.SUPPRESS_BELOW - 1} are shown as c; a true zero stays 0.",
    f"No percentage, rate or chart is given on a base of fewer than {config.MIN_BASE_FOR_PERCENT}.",
    "Where a hidden count could be worked out by subtracting from a total, the next smallest is hidden too.",
    "A count that differs by a few from a view one filter value away is hidden, so views cannot be subtracted.",
    "Every percentage carries its base (n); a change on the year before says whether it is significant (95%).",
    "No names, emails, phone numbers or identifying free text: officers' text is redacted before it is stored.",
]


@dataclass
class Section:
    """One headline chart of a page: its heading, takeaways, figure, numbers table and where its numbers came from."""

    page: str
    title: str
    takeaways: list[str]
    figure: object | None
    numbers: pd.DataFrame
    source: str
    image: bytes | None = None  # the figure as a PNG, drawn once for the PDF and the Word document


@dataclass
class Pack:
    """Everything the PDF, the Word document and the easy read are written from."""

    quarter: str
    made_on: dt.date
    scorecard: list
    scorecard_table: pd.DataFrame
    definitions: pd.DataFrame
    improved: list[str]
    slipped: list[str]
    doing: list[str]
    sections: list[Section]
    files: pd.DataFrame
    filters: list[str]
    provenance: str
    you_said_we_did: pd.DataFrame
    version: str = VERSION
    notes: list[str] = field(default_factory=list)


def build_pack(con, quarter: str, today: dt.date | None = None) -> Pack:
    """Return the pack's contents for a quarter, read from the database through the pages' functions."""
    rows = scorecard.scorecard_rows(con, quarter)
    survey_filters = Filters(last=scorecard.last_whole_year(quarter), granularity="wave")
    sections = [
        impact_section(con, survey_filters),
        *reach_sections(con, survey_filters),
        actions_section(con, quarter),
        quality_section(con, quarter),
    ]
    improved, slipped, doing = what_moved(rows)
    for line in sections[0].takeaways:  # the Impact page's takeaways: significant changes only
        if line.endswith(", significant."):
            (improved if ": up " in line else slipped).append(line)
    recent = impact_queries.recent_changes(con, Filters(last=quarter), limit=5)
    doing += [f'You said: "{_tidy(r.theme)}". We did: {_tidy(r.response)}.' for r in recent.itertuples() if r.response]
    return Pack(
        quarter=quarter,
        made_on=today or dt.date.today(),
        scorecard=rows,
        scorecard_table=scorecard_tables.scorecard_table(rows),
        definitions=scorecard_tables.definitions_table(rows),
        improved=improved,
        slipped=slipped,
        doing=doing,
        sections=sections,
        files=files_table(con),
        filters=[
            f"Scorecard and action plan: {quarter}, all workstreams, all groups.",
            f"Survey charts: every survey and group, by year, up to {survey_filters.last} (the latest whole year).",
            f"Quality: activities and feedback in the four quarters {' to '.join(year_to(quarter))}, all workstreams.",
        ],
        provenance=provenance.provenance_sentence(con),
        you_said_we_did=quality.feedback_entries(con, None, "0000-00 Q1", quarter, today or dt.date.today()),
    )


def _tidy(text: str) -> str:
    return " ".join(str(text).split()).rstrip(".")


def what_moved(rows) -> tuple[list[str], list[str], list[str]]:
    """Return what improved, what slipped and what is being done, in sentences from the scorecard's trends."""
    improved, slipped, doing = [], [], []
    for row in rows:
        # Only the latest value against the one before, both shown: an older pair would not be this quarter's news.
        shown = row.trend[-2:] if len(row.trend) >= 2 and all(p.value is not None for p in row.trend[-2:]) else []
        name, fmt = row.measure.name, scorecard_tables.format_value
        if shown and shown[-1].value != shown[-2].value:
            before, now = shown[-2], shown[-1]
            better = (now.value > before.value) == (row.measure.direction == "up")
            change = (
                f"{fmt(row.measure, before.value)} in {before.period} to {fmt(row.measure, now.value)} in {now.period}"
            )
            sentence = f"{name}: {change} (rated {row.rag_word.lower()})."
            (improved if better else slipped).append(sentence)
        elif row.rag == "Red":
            slipped.append(f"{name}: off track against its milestone.")
        if row.rag in ("Red", "Amber"):
            doing.append(f"{name}: {row.commentary}" if row.commentary else f"{name}: commentary to follow.")
    return improved, slipped, doing


def impact_section(con, filters: Filters) -> Section:
    """Return the Impact page's headline: every indicator over time, as render_indicators draws it."""
    labels = measures.sort_indicators(impact_queries.indicator_catalogue(con, filters))
    labels = dict(zip(labels["indicator"], labels["label"], strict=True))
    table = measures.sort_indicators(
        measures.proportion_table(impact_queries.indicator_trend(con, filters, tuple(labels)), "indicator")
    )
    lines = [takeaways.indicator_takeaway(labels[i], rows) for i, rows in table.groupby("indicator", sort=False)]
    figure = impact_charts.indicator_trend_chart(table) if not table.empty else None
    return Section("Impact", "How people feel, over time", lines, figure, impact_charts.trend_numbers(table),
                   "Surveys: Big Bang and the annual involvement survey, by year.")  # fmt: skip


def reach_sections(con, filters: Filters) -> list[Section]:
    """Return the Reach page's headlines: young people aged 12-16 against the target, and reach per 100."""
    band = config.TARGET_AGE_BAND
    target = scorecard.measure_target(con, "young_people_12_16_responding")
    target = int(target) if target else None
    responded = measures.shown_counts(reach_queries.young_people_by_age_band(con, filters), "n", "period")
    first = Section(
        "Reach",
        f"Young people reached, by age band ({band} highlighted)",
        [takeaways.count_takeaway(f"young people aged {band} responded", measures.band_counts(responded, band),
                                  target)] if not responded.empty else ["No young people's ages are loaded."],
        reach_charts.age_band_chart(responded, "Young people who responded", target) if not responded.empty else None,
        reach_charts.age_band_numbers(responded, "Young people who responded") if not responded.empty
        else pd.DataFrame(),
        "Young people who answered the Big Bang or involvement survey themselves, by year.",
    )  # fmt: skip
    if not reach_queries.has_baseline(con):
        return [first]
    rates = measures.rates(reach_queries.reach_rates(con, filters, "age_band"))
    second = Section(
        "Reach",
        "Reach against the population, per 100",
        [takeaways.rate_takeaway(rates, "Age band")],
        reach_charts.rate_chart(rates, "Age band") if not rates.empty else None,
        reach_charts.rate_numbers(rates, "Age band"),
        "Survey respondents per 100 children and young people with an EHC plan or on SEN Support (local baseline).",
    )
    return [first, second]


def actions_section(con, quarter: str) -> Section:
    """Return the Action plan page's summary: actions by rating in each workstream."""
    every = action_queries.ActionFilters()
    counts = action_queries.quarter_counts(con, quarter, every)
    by_workstream = action_queries.rag_by_workstream(con, quarter, every)
    numbers = by_workstream.rename(columns={"workstream": "Workstream", "rag": "Rating", "actions": "Actions"})
    figure = action_charts.rag_by_workstream_chart(by_workstream) if counts.updated else None
    return Section("Action plan", f"Actions by rating in each workstream, {quarter}",
                   [action_charts.summary_sentence(counts, quarter, by_workstream)], figure, numbers,
                   "Action plan updates recorded by each action's lead for the quarter.")  # fmt: skip


def quality_section(con, quarter: str) -> Section:
    """Return the Quality page's ladder of participation and its "you said, we did" sentence for the year."""
    first, last = year_to(quarter)
    levels = quality.activities_by_level(con, None, first, last)
    totals = quality.feedback_totals(con, None, first, last)
    entries = quality.feedback_entries(con, None, first, last, dt.date.today())
    lines = [summary.ladder_takeaway(levels), feedback_summary.feedback_takeaway(totals, entries)]
    figure = ladder_over_time_chart(levels) if not levels.empty else None
    numbers = summary.ladder_table(levels) if not levels.empty else pd.DataFrame()
    return Section("Quality", f"Activities on the ladder of participation, {first} to {last}", lines, figure,
                   numbers, 'Participation activities and "you said, we did" records.')  # fmt: skip


def files_table(con) -> pd.DataFrame:
    """Return each source file: what it is, when it was loaded, by whom (a role, never a name) and its checks."""
    files = provenance.loaded_files(con)
    return pd.DataFrame(
        {
            "Input": files["input"],
            "File": files["file_name"],
            "Loaded": [f"{t:%d %b %Y %H:%M}" for t in files["loaded_at"]],
            "By": [loaded_by_role(who) for who in files["loaded_by"]],
            "Checks": [check_result(r) for r in files.itertuples()],
        }
    )


def loaded_by_role(who: str) -> str:
    """Return who loaded a file as a role: the audit may hold emails or names, which a board paper never shows."""
    # Imported here: auth imports Streamlit, which the command line needs only when a load was made in the app.
    from impact.views.auth import load_rules, role_for

    if who == "sample data":
        return "Sample data"
    if "@" in who:
        return (role_for(who, [], load_rules()) or "signed-in user").capitalize()
    return "Local user" if "local mode" in who else "Command line"


def check_result(row) -> str:
    """Return the validation result of one load in words."""
    left_out = int(row.rows_rejected) + int(row.rows_flagged)
    if left_out:
        return f"{int(row.rows_loaded):,} rows loaded; {left_out:,} left out by the checks"
    before = f"; {int(row.rows_skipped):,} loaded before" if row.rows_skipped else ""
    return f"Passed: {int(row.rows_loaded):,} rows loaded{before}"
