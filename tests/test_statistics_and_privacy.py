"""Statistics and small-number rules, checked against hand-worked values."""

import pandas as pd
import pytest

from impact.domain import measures
from impact.domain.disclosure import format_percent, suppress_count
from impact.domain.periods import financial_quarter, quarter_end, shift_quarter
from impact.domain.stats import Proportion, change_is_significant, wilson_interval


def test_wilson_interval_matches_hand_worked_values():
    low, high = wilson_interval(50, 100)
    assert (round(low, 1), round(high, 1)) == (40.4, 59.6)
    assert wilson_interval(0, 10) == pytest.approx((0.0, 27.75), abs=0.01)
    assert wilson_interval(10, 10)[1] == pytest.approx(100.0)
    assert wilson_interval(0, 0) is None


def test_change_significance():
    assert change_is_significant(Proportion(48, 100), Proportion(63, 100)) is True
    assert change_is_significant(Proportion(48, 100), Proportion(52, 100)) is False
    assert change_is_significant(Proportion(10, 10), Proportion(20, 20)) is False
    assert change_is_significant(Proportion(0, 0), Proportion(5, 10)) is None


@pytest.mark.parametrize("n, shown", [(0, "0"), (1, "c"), (4, "c"), (5, "5"), (1234, "1,234")])
def test_small_counts_show_as_c_but_zero_stays_zero(n, shown):
    assert suppress_count(n) == shown


def test_no_percentage_on_a_base_under_ten():
    assert format_percent(5, 9) == "not shown (n<10)"
    assert format_percent(7, 10) == "70% (n=10)"
    assert format_percent(0, 0) == "no answers"


def test_published_counts_hide_only_1_to_4_with_no_secondary_suppression():
    # Counts reaching the measures are published (perturbed) counts: a total minus the shown parts is noise, not
    # the hidden cell, so the next smallest cell stays shown (docs/security.md, "Perturbed counts").
    frame = pd.DataFrame({"total": ["a"] * 3 + ["b"] * 3, "n": [4, 30, 12, 0, 40, 50]})
    assert measures.shown_counts(frame, "n", "total")["shown_label"].tolist() == ["c", "30", "12", "0", "40", "50"]


def test_financial_quarters():
    assert financial_quarter(pd.Timestamp("2024-04-01")) == "2024-25 Q1"
    assert financial_quarter(pd.Timestamp("2025-03-31")) == "2024-25 Q4"
    assert shift_quarter("2024-25 Q1", -1) == "2023-24 Q4"
    assert str(quarter_end("2024-25 Q3")) == "2024-12-31"


def test_downloads_neutralise_spreadsheet_formulas():
    from impact.domain.downloads import csv_bytes

    text = csv_bytes(pd.DataFrame({"comment": ["=HYPERLINK(1)", "+1", "ok", "-2", "@x"], "n": [1, 2, 3, 4, 5]}))
    lines = text.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("'=HYPERLINK") and lines[2].startswith("'+1") and lines[3].startswith("ok")
    assert lines[4].startswith("'-2") and lines[5].startswith("'@x")


def test_no_table_offers_streamlits_own_csv_download():
    # st.dataframe's toolbar "Download as CSV" would bypass the formula-safe downloads above; the app's config turns
    # it off for every table, and this Streamlit knows the option (an unknown one would be ignored silently).
    import tomllib
    from pathlib import Path

    from streamlit import config as streamlit_config

    app_config = tomllib.loads((Path(__file__).parent.parent / ".streamlit" / "config.toml").read_text())
    assert app_config["client"]["disableDataExport"] is True
    assert "client.disableDataExport" in streamlit_config._config_options_template
