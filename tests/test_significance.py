"""Significance that survives many tests, checked against statsmodels and scipy: the z-test and exact mid-p test
for a change, Benjamini-Hochberg across a page's verdicts, and a hand-made page where the correction changes them."""

import itertools

import numpy as np
import pandas as pd
from scipy.stats import fisher_exact, hypergeom
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

from impact.domain import measures
from impact.domain.stats import (
    Proportion,
    benjamini_hochberg,
    change_is_significant,
    change_p_value,
    exact_p,
    two_proportion_p,
)

TABLES = [
    (a, n, b, m)
    for n, m in [(10, 12), (13, 13), (25, 40)]
    for a, b in itertools.product(range(0, n + 1, 3), range(0, m + 1, 4))
]


def scipy_mid_p(before: Proportion, after: Proportion) -> float:
    distribution = hypergeom(before.base + after.base, before.positive + after.positive, after.base)
    pmf = distribution.pmf(np.arange(0, after.base + 1))
    seen = distribution.pmf(after.positive)
    return pmf[pmf < seen * (1 - 1e-7)].sum() + 0.5 * pmf[np.abs(pmf - seen) <= seen * 1e-7].sum()


def test_the_z_test_matches_statsmodels():
    for a, n, b, m in TABLES:
        if 0 < a + b < n + m:
            expected = proportions_ztest([b, a], [m, n])[1]
            assert abs(two_proportion_p(Proportion(b, m), Proportion(a, n)) - expected) < 1e-9


def test_the_exact_test_matches_scipy_fisher_and_its_mid_p():
    for a, n, b, m in TABLES:
        before, after = Proportion(b, m), Proportion(a, n)
        assert abs(exact_p(before, after, mid=False) - fisher_exact([[b, m - b], [a, n - a]])[1]) < 1e-9
        assert abs(exact_p(before, after) - scipy_mid_p(before, after)) < 1e-9


def test_small_tables_use_the_exact_test_where_the_normal_approximation_would_say_significant():
    # 2 of 13 then 7 of 13: expected counts of 4.5, so the exact test is used. The z-test alone would say p=0.039.
    before, after = Proportion(2, 13), Proportion(7, 13)
    assert proportions_ztest([2, 7], [13, 13])[1] < 0.05
    p_value, test = change_p_value(before, after)
    assert test == "exact (mid-p)" and abs(p_value - scipy_mid_p(before, after)) < 1e-9 and p_value > 0.05
    assert change_is_significant(before, after) is False
    # Large bases keep the z-test: 610 of 1000 then 670 of 1000.
    assert change_p_value(Proportion(610, 1000), Proportion(670, 1000))[1] == "z-test"


def test_benjamini_hochberg_matches_statsmodels():
    rng = np.random.default_rng(14)
    for size in (1, 5, 45, 66):
        p_values = list(rng.uniform(0, 1, size) ** 4)
        assert benjamini_hochberg(p_values) == multipletests(p_values, method="fdr_bh")[0].tolist()
    assert benjamini_hochberg([0.01, None, float("nan")]) == [True, None, None]


def indicator_rows(indicator: str, before: tuple[int, int], after: tuple[int, int]) -> list[dict]:
    return [
        {"indicator": indicator, "period": "2024-25", "positive": before[0], "base": before[1]},
        {"indicator": indicator, "period": "2025-26", "positive": after[0], "base": after[1]},
    ]


def test_a_page_of_changes_where_the_correction_changes_verdicts():
    # Five indicators, hand-made: one clear change (50% to 70% of 200), one borderline (50% to 60% of 200, p=0.045
    # alone) and three with no change. Alone, two changes pass 5%; tested together, only the clear one does.
    frame = pd.DataFrame(
        indicator_rows("clear", (100, 200), (140, 200))
        + indicator_rows("borderline", (100, 200), (120, 200))
        + [row for name in ("a", "b", "c") for row in indicator_rows(name, (100, 200), (101, 200))]
    )
    table = measures.proportion_table(frame, "indicator")
    latest = table[table["period"] == "2025-26"].set_index("indicator")
    alone = {k: proportions_ztest([100, r.positive], [200, 200])[1] for k, r in latest.iterrows()}
    assert alone["borderline"] < 0.05 and alone["clear"] < 0.05
    expected = dict(zip(alone, multipletests(list(alone.values()), method="fdr_bh")[0], strict=True))
    assert expected == {"clear": True, "borderline": False, "a": False, "b": False, "c": False}
    assert latest["verdict"].to_dict() == {k: "significant" if v else "not significant" for k, v in expected.items()}
    assert set(latest["tests_together"]) == {5}


def test_verdicts_shown_together_on_a_page_are_corrected_together():
    # The borderline change alone in its table is significant; beside four more tests on the same page it is not.
    alone = measures.proportion_table(pd.DataFrame(indicator_rows("borderline", (100, 200), (120, 200))), "indicator")
    assert alone["verdict"].tolist() == ["", "significant"]
    others = measures.proportion_table(
        pd.DataFrame([row for name in "abcd" for row in indicator_rows(name, (100, 200), (101, 200))]), "indicator"
    )
    together, _ = measures.control_false_discoveries(alone, others)
    assert together["verdict"].tolist() == ["", "not significant"]
    assert together["tests_together"].iloc[0] == 5


def test_periods_asked_by_different_surveys_are_not_compared():
    frame = pd.DataFrame(indicator_rows("listened_to", (100, 200), (140, 200))).assign(
        surveys=["big_bang", "involvement"]
    )
    table = measures.proportion_table(frame, "indicator")
    assert table["verdict"].tolist() == ["", ""]
    assert table["previous_period"].isna().all()


def test_a_trend_line_joins_only_points_asked_by_the_same_surveys():
    from impact.views.charts.impact import indicator_trend_chart

    # By quarter: the Big Bang survey in Q3 each year, the involvement survey in Q4.
    frame = pd.DataFrame(
        {
            "indicator": "listened_to",
            "label": "Feel listened to",
            "period": ["2024-25 Q3", "2024-25 Q4", "2025-26 Q3", "2025-26 Q4"],
            "positive": [60, 80, 66, 84],
            "base": [100, 120, 100, 120],
            "surveys": ["big_bang", "involvement", "big_bang", "involvement"],
        }
    )
    figure = indicator_trend_chart(measures.proportion_table(frame, "indicator"))
    lines = [trace for trace in figure.data if trace.mode and "lines" in trace.mode]
    assert [(trace.name, list(trace.x)) for trace in lines] == [
        ("Big Bang survey (young people)", ["2024-25 Q3", "2025-26 Q3"]),
        ("Annual SEND involvement survey", ["2024-25 Q4", "2025-26 Q4"]),
    ]
    assert all(trace.showlegend for trace in lines) and lines[0].line.dash != lines[1].line.dash
