"""The Impact page as a board member and the performance group use it (Streamlit AppTest)."""

import json

import duckdb
import pytest

from tests.conftest import private_copy
from tests.test_app_pages import open_page


def takeaways(at) -> list[str]:
    return [m.value.strip("*") for m in at.markdown if m.value.startswith("**")]


def expected_listened_to(path, survey_filter: str = "") -> str:
    """The takeaway worked out straight from the answers table, without the page's queries (counts published through
    the cell-key macros, as every page publishes them)."""
    # Not read-only: the app in this process holds the file open read-write, and DuckDB needs the same mode.
    with duckdb.connect(str(path)) as con:
        rows = con.execute(
            f"""select r.wave, published_part(r.record_key, a.is_positive, a.is_positive is not null),
                   published_count_if(r.record_key, a.is_positive is not null)
            from answers a join responses r using (response_id)
            where a.question_id in ('bb_listened', 'inv_listened') {survey_filter}
            group by r.wave order by r.wave desc limit 2"""
        ).fetchall()
    (now_wave, now_pos, now_base), (before_wave, before_pos, before_base) = rows
    now, before = 100 * now_pos / now_base, 100 * before_pos / before_base
    change = f"up {now - before:.0f} points since {before_wave}"
    return f"Feel listened to: {change} ({before:.0f}% to {now:.0f}%, n={now_base:,})"


@pytest.fixture
def sample(sample_db_path, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_path))
    return sample_db_path


def test_a_board_member_reads_whether_people_feel_more_listened_to(sample):
    at = open_page("pages/impact.py")
    assert not at.exception
    listened = next(t for t in takeaways(at) if t.startswith("Feel listened to:"))
    assert listened.startswith(expected_listened_to(sample)), listened
    # The verdict holds the false discovery rate over every change the page tests (statsmodels' Benjamini-Hochberg
    # on the z-test p-values); on the sample data 61% to 67% is significant alone but not among all the page's tests.
    alone, together = expected_verdicts(sample)
    assert alone < 0.05
    assert listened.endswith(f", {together}.")
    assert any("Benjamini-Hochberg" in c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 5


def expected_verdicts(path) -> tuple[float, str]:
    """The latest "Feel listened to" change's p-value alone, and its verdict among every change on the default page."""
    from statsmodels.stats.multitest import multipletests
    from statsmodels.stats.proportion import proportions_ztest

    from impact.domain import measures
    from impact.queries import impact as queries
    from impact.queries.filters import Filters

    with duckdb.connect(str(path)) as con:
        trend = measures.proportion_table(queries.indicator_trend(con, Filters()), "indicator")
        by_section = measures.proportion_table(queries.local_offer_usefulness(con, Filters()), "section")
    p_values, keys = [], []
    for table, series in ((trend, "indicator"), (by_section, "section"), (measures.totals_by_period(by_section), "")):
        for row in table[table["test"] != ""].itertuples():
            before = table[table["period"] == row.previous_period]
            before = before[before[series] == getattr(row, series)].iloc[0] if series else before.iloc[0]
            counts = [before["positive"], row.positive], [before["base"], row.base]
            small = min_expected(*counts) < 5
            assert row.test == ("exact (mid-p)" if small else "z-test")
            p_values.append(mid_p(*counts) if small else proportions_ztest(*counts)[1])
            keys.append((getattr(row, series) if series else "", row.period))
    reject = multipletests(p_values, method="fdr_bh")[0]
    latest = keys.index(max(k for k in keys if k[0] == "listened_to"))
    return p_values[latest], "significant" if reject[latest] else "not significant"


def min_expected(positives, bases) -> float:
    total, yes = sum(bases), sum(positives)
    return min(b * c / total for b in bases for c in (yes, total - yes))


def mid_p(positives, bases) -> float:
    """Two-sided mid-p of the exact conditional test, from scipy's hypergeometric distribution."""
    import numpy as np
    from scipy.stats import hypergeom

    distribution = hypergeom(sum(bases), sum(positives), bases[1])
    ks = np.arange(max(0, sum(positives) - bases[0]), min(sum(positives), bases[1]) + 1)
    pmf, seen = distribution.pmf(ks), distribution.pmf(positives[1])
    return pmf[pmf < seen * (1 - 1e-7)].sum() + 0.5 * pmf[np.abs(pmf - seen) <= seen * 1e-7].sum()


def test_the_performance_group_narrows_the_page_to_one_workstream(sample):
    at = open_page("pages/impact.py")
    at.multiselect(key="workstream").set_value(["B3"]).run()
    assert not at.exception
    shown = takeaways(at)
    # Only the involvement survey tags "I feel listened to" with B3; indicators not tagged B3 disappear.
    listened = next(t for t in shown if t.startswith("Feel listened to:"))
    assert listened.startswith(expected_listened_to(sample, "and r.survey = 'involvement'")), listened
    assert not any(t.startswith("Information accessible:") for t in shown)
    assert any("Workstream B3" in c.value for c in at.caption)
    assert not any(t.startswith("Rated useful") for t in shown)  # Local Offer questions are tagged B5


def test_split_by_group_shows_the_gap_and_the_numbers_behind_it(sample):
    at = open_page("pages/impact.py")
    at.selectbox(key="split_by").set_value("age_band").run()
    gap = next(t for t in takeaways(at) if t.startswith("Feel listened to: In 2025-26"))
    assert "highest at" in gap and "lowest at" in gap and "points" in gap
    tables = [d.value for d in at.dataframe]
    split = next(t for t in tables if "Age band" in t.columns)
    assert list(split.columns) == ["Period", "Age band", "% positive", "95% CI", "Positive answers", "Base (n)"]


@pytest.fixture
def hand_counted(tmp_path, monkeypatch, hand_counted_db_path):
    path = private_copy(hand_counted_db_path, tmp_path)
    monkeypatch.setenv("SEND_IMPACT_DB", str(path))
    return path


def chart_texts(at) -> list[str]:
    texts = []
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec)["data"]:
            values = trace.get("text") or []
            texts += [str(v) for v in (values if isinstance(values, list) else [values])]
    return texts


@pytest.mark.parametrize("page", ["pages/impact.py", "pages/reach.py"])
def test_no_count_of_1_to_4_reaches_a_chart_or_table(page, hand_counted):
    at = open_page(page)
    assert not at.exception
    small = {"1", "2", "3", "4"}
    assert not small & set(chart_texts(at))
    for frame in (d.value for d in at.dataframe):
        counts = [c for c in frame.columns if c in ("Base (n)", "Positive answers", "Rated 4 or 5", "Comments",
                                                      "Respondents", "Young people who responded", "Attendances",
                                                      "Pieces of feedback", "With a comment")]  # fmt: skip
        for column in counts:
            assert not small & set(frame[column].astype(str)), (column, frame[column].tolist())


def test_small_bases_show_no_percentage(hand_counted):
    at = open_page("pages/impact.py")
    shown = takeaways(at)
    assert "Feel listened to: too few answers in 2025-26 to show a percentage (fewer than 10)." in shown
    trend = next(d.value for d in at.dataframe if "Indicator" in d.value.columns)
    assert set(trend["% positive"]) == {"not shown (n<10)"} and set(trend["95% CI"]) == {""}
