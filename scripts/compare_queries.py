"""Check that a change to the pages' queries changes no result: call every query function of the Impact, Quality,
Action plan, Scorecard, Reach and Home pages (and the shared filter options) on one database with one checkout's code,
under many filters, quarters and workstreams, and pickle the results; then compare two such pickles with
pandas.testing (frames) or equality (everything else).

    git -C . archive main | tar -x -C /tmp/main-code          # the code to compare against
    python -m pipelines samples --db /tmp/s.duckdb             # a database with this checkout's migrations
    python scripts/compare_queries.py run /tmp/main-code /tmp/s.duckdb /tmp/main.pickle
    python scripts/compare_queries.py run . /tmp/s.duckdb /tmp/mine.pickle
    python scripts/compare_queries.py diff /tmp/main.pickle /tmp/mine.pickle

A function one checkout has and the other lacks (a page's one query standing for several) is compared part by part
with the functions it stands for (quarter_overview, feedback_overview, shared_options).
"""

import dataclasses
import datetime as dt
import pickle
import sys
from pathlib import Path


def collect(root: str, database: str) -> dict:
    sys.path.insert(0, root)
    import duckdb

    from impact.domain import themes
    from impact.queries import actions, common, home, provenance, quality, reach, scorecard
    from impact.queries import impact as iq
    from impact.queries.filters import Filters, filter_options

    con = duckdb.connect(database, read_only=True)
    out = {}

    def put(name, value):
        if isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
            value = [dataclasses.asdict(v) for v in value]
        elif dataclasses.is_dataclass(value):
            value = dataclasses.asdict(value)
        out[name] = value

    today = dt.date.today()
    options = filter_options(con)
    put("filter_options", options)
    quarters = common.reporting_quarters(con)
    from impact.queries import filters as filters_module

    if hasattr(filters_module, "shared_options"):
        put("shared_options", filters_module.shared_options(con))
    else:
        put("shared_options", {**options, "reporting_quarters": quarters})
    put("reporting_quarters", quarters)
    put("provenance_sentence", provenance.provenance_sentence(con))
    workstreams = list(options["workstreams"])
    filter_sets = {"none": Filters(), "by quarter": Filters(granularity="quarter")}
    for w in workstreams:
        filter_sets[f"ws {w}"] = Filters(workstream=w)
    filter_sets["a quarter"] = Filters(first="2025-26 Q2", last="2025-26 Q2", granularity="quarter")
    filter_sets["a year"] = Filters(first="2025-26 Q1", last="2025-26 Q4")
    filter_sets["parent carers"] = Filters(respondent_types=("Parent carer",))
    filter_sets["young 12-16"] = Filters(respondent_types=("Young person",), age_bands=("12-16",))
    filter_sets["north"] = Filters(localities=("North",))
    filter_sets["parents north B4"] = Filters(
        respondent_types=("Parent carer",), localities=("North",), workstream="B4"
    )
    filter_sets["B3+B4 quarterly"] = Filters(workstream=("B3", "B4"), granularity="quarter")
    rules = themes.theme_rules()
    indicators = con.execute("select indicator from indicators order by 1").fetchall()
    for fname, f in filter_sets.items():
        put(f"indicator_catalogue {fname}", iq.indicator_catalogue(con, f))
        put(f"indicator_trend {fname}", iq.indicator_trend(con, f))
        for (ind,) in indicators:
            put(f"indicator_trend {fname} {ind}", iq.indicator_trend(con, f, (ind,)))
            for g in iq.SPLIT_GROUPS:
                put(f"indicator_by_group {fname} {ind} {g}", iq.indicator_by_group(con, f, ind, g))
        put(f"local_offer_usefulness {fname}", iq.local_offer_usefulness(con, f))
        put(f"local_offer_volume {fname}", iq.local_offer_volume(con, f))
        put(f"local_offer_theme_counts {fname}", iq.local_offer_theme_counts(con, f, rules))
        put(f"recent_changes {fname}", iq.recent_changes(con, f))
        put(f"young_people_by_age_band {fname}", reach.young_people_by_age_band(con, f))
        put(f"attendance_by_age_band {fname}", reach.attendance_by_age_band(con, f))
        put(f"respondents_by_type {fname}", reach.respondents_by_type(con, f))
        for dim in ("age_band", "primary_need", "support_level", "locality"):
            try:
                put(f"reach_rates {fname} {dim}", reach.reach_rates(con, f, dim))
            except ValueError as e:
                put(f"reach_rates {fname} {dim}", repr(e))
        put(f"dfe_reach_rates {fname}", reach.dfe_reach_rates(con, f))
    put("dfe_plans_by_age_band", reach.dfe_plans_by_age_band(con))
    put("dfe_total_plans", reach.dfe_total_plans(con))
    put("has_baseline", reach.has_baseline(con))
    put("dfe_area", reach.dfe_area(con))
    # Quality: every workstream and none, over everything, a year and a quarter
    periods = [("0000-00 Q1", "9999-99 Q4"), ("2025-26 Q1", "2025-26 Q4"), ("2026-27 Q1", "2026-27 Q1")]
    put("quality_quarters", quality.quality_quarters(con))
    put("audit_years", quality.audit_years(con))
    for w in [None, *workstreams]:
        for first, last in periods:
            k = f"{w} {first} {last}"
            for fn in (
                "activities_by_level",
                "doing_with_by_workstream",
                "attendance_by_group",
                "accessibility",
                "activity_outcomes",
                "feedback_totals",
                "feedback_by_quarter",
                "indicator_moves",
            ):
                put(f"{fn} {k}", getattr(quality, fn)(con, w, first, last))
            put(f"feedback_entries {k}", quality.feedback_entries(con, w, first, last, today))
            if hasattr(quality, "feedback_overview"):  # this branch's one query for the section
                o = quality.feedback_overview(con, w, first, last, today)
                parts = {"entries": o["entries"], "totals": o["totals"], "by_quarter": o["by_quarter"]}
            else:
                parts = {
                    "entries": quality.feedback_entries(con, w, first, last, today),
                    "totals": quality.feedback_totals(con, w, first, last),
                    "by_quarter": quality.feedback_by_quarter(con, w, first, last),
                }
            for part, value in parts.items():
                put(f"feedback_overview {part} {k}", value)
    for year in quality.audit_years(con):
        for fn in ("audit_grid", "audit_by_service", "audit_not_returned"):
            put(f"{fn} {year}", getattr(quality, fn)(con, year))
    put("audit_services", quality.audit_services(con))
    put("action_choices", quality.action_choices(con))
    put("feedback_theme_choices", quality.feedback_theme_choices(con))
    # Action plan: every quarter, under no filter, each workstream, a group, a lead, a plan
    choices = actions.filter_choices(con)
    put("filter_choices", choices)
    afs = {"none": actions.ActionFilters()}
    for w in workstreams:
        afs[f"ws {w}"] = actions.ActionFilters(workstreams=(w,))
    afs["group"] = actions.ActionFilters(groups=tuple(choices["groups"][:1]))
    afs["lead"] = actions.ActionFilters(leads=tuple(choices["leads"][:1]))
    afs["plan+ws"] = actions.ActionFilters(plans=tuple(choices["plans"][:1]), workstreams=("B3", "B4"))
    codes = [r[0] for r in con.execute("select action_code from actions order by 1").fetchall()]
    for q in quarters:
        for an, af in afs.items():
            k = f"{q} {an}"
            for fn in (
                "quarter_counts",
                "rag_by_workstream",
                "ratings_in_quarter",
                "actions_off_track",
                "overdue_actions",
                "actions_without_update",
                "changes_since_last_quarter",
                "action_timeline",
                "inspection_areas",
            ):
                put(f"{fn} {k}", getattr(actions, fn)(con, q, af))
            # the page's one query for the quarter (this branch) against the functions it stands for (main)
            parts = {
                "chosen": "chosen_actions",
                "counts": "quarter_counts",
                "by_workstream": "rag_by_workstream",
                "off_track": "actions_off_track",
                "overdue": "overdue_actions",
                "missing": "actions_without_update",
                "changes": "changes_since_last_quarter",
                "timeline": "action_timeline",
            }
            if hasattr(actions, "quarter_overview"):
                overview = actions.quarter_overview(con, q, af)
                for part in parts:
                    put(f"overview {part} {k}", overview[part])
            else:
                for part, fn in parts.items():
                    args = (af,) if part == "chosen" else (q, af)
                    put(f"overview {part} {k}", getattr(actions, fn)(con, *args))
        for code in codes[:: max(1, len(codes) // 8)]:
            put(f"action_rating {code} {q}", actions.action_rating(con, code, q))
        for w in workstreams:
            put(f"linked_indicators {w} {q}", actions.linked_indicators(con, w, q))
        put(f"on_track_by_quarter {q}", actions.on_track_by_quarter(con, quarters[-5:], afs["none"]))
        # Scorecard
        put(f"scorecard_rows {q}", scorecard.scorecard_rows(con, q))
        for w in ("B3", "B4", "A4"):
            put(f"scorecard_rows {q} {w}", scorecard.scorecard_rows(con, q, w))
        # Home
        first = quarters[0]
        put(f"responses_by_quarter {q}", home.responses_by_quarter(con, first, q))
        put(f"responses_in_quarter {q}", home.responses_in_quarter(con, q))
        put(f"actions_on_track {q}", home.actions_on_track(con, q))
    for code in codes:
        put(f"action_details {code}", actions.action_details(con, code))
        put(f"action_history {code}", actions.action_history(con, code))
        put(f"action_feedback {code}", actions.action_feedback(con, code))
    put("chosen_actions", {an: actions.chosen_actions(con, af) for an, af in afs.items()})
    put("scorecard_measures", [dataclasses.asdict(m) for m in scorecard.scorecard_measures(con)])
    return out


def diff(a: dict, b: dict) -> None:
    import pandas as pd
    from pandas.testing import assert_frame_equal

    assert a.keys() == b.keys(), set(a) ^ set(b)
    frames = nonempty = other = failed = 0
    for name in a:
        x, y = a[name], b[name]
        try:
            if isinstance(x, pd.DataFrame):
                frames += 1
                nonempty += len(x) > 0
                assert_frame_equal(x, y)
            else:
                other += 1
                if isinstance(x, dict) and any(isinstance(v, pd.DataFrame) for v in x.values()):
                    assert x.keys() == y.keys()
                    for k in x:
                        assert_frame_equal(x[k], y[k])
                else:  # a dict from an unordered group by compares as a dict
                    assert x == y if isinstance(x, dict) else repr(x) == repr(y), (x, y)
        except AssertionError as e:
            failed += 1
            print("DIFFERS:", name, str(e)[:500])
    print(f"{len(a)} results: {frames} frames ({nonempty} with rows), {other} other values; {failed} differ")


if __name__ == "__main__":
    if sys.argv[1] == "run":
        with open(sys.argv[4], "wb") as f:
            pickle.dump(collect(sys.argv[2], sys.argv[3]), f)
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # to unpickle this checkout's values
        diff(*(pickle.load(open(p, "rb")) for p in sys.argv[2:4]))
