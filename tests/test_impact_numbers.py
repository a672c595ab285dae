"""Percentages, intervals, changes, suppression and the takeaway sentences, against hand-worked values."""

import datetime as dt

import duckdb
import pandas as pd
import pytest

from impact.domain import measures, themes
from impact.views import takeaways


def proportions(*rows, indicator="listened_to", label="Feel listened to"):
    frame = pd.DataFrame(rows, columns=["period", "positive", "base"]).assign(indicator=indicator, label=label)
    return measures.proportion_table(frame, "indicator")


def test_percent_interval_and_label_on_a_base_of_100():
    row = proportions(("2025-26", 50, 100)).iloc[0]
    assert row["percent"] == 50
    assert (round(row["ci_low"], 1), round(row["ci_high"], 1)) == (40.4, 59.6)
    assert row["percent_label"] == "50% (n=100)"


def test_all_positive_has_an_upper_limit_of_100_and_a_lower_limit_below_it():
    # Wilson lower limit for 10 of 10: n / (n + z^2) = 10 / 13.84 = 72.2%.
    row = proportions(("2025-26", 10, 10)).iloc[0]
    assert row["percent"] == 100 and row["ci_high"] == pytest.approx(100)
    assert row["ci_low"] == pytest.approx(72.25, abs=0.01)


def test_a_base_of_9_shows_no_percentage_interval_or_positive_count():
    table = proportions(("2025-26", 9, 9))
    row = table.iloc[0]
    assert pd.isna(row["percent"]) and pd.isna(row["ci_low"]) and row["percent_label"] == "not shown (n<10)"
    numbers = measures.proportion_numbers(table, {"period": "Period"}).iloc[0]
    assert numbers["% positive"] == "not shown (n<10)" and numbers["95% CI"] == "" and numbers["Positive answers"] == ""
    assert numbers["Base (n)"] == "9"


def test_no_answers_is_not_a_percentage():
    row = proportions(("2025-26", 0, 0)).iloc[0]
    assert pd.isna(row["percent"]) and row["percent_label"] == "no answers"


def test_change_on_the_previous_period_and_its_significance():
    table = proportions(("2024-25", 48, 100), ("2025-26", 63, 100))
    latest = table.iloc[-1]
    assert latest["change"] == pytest.approx(15) and latest["verdict"] == "significant"
    assert latest["previous_period"] == "2024-25"
    assert proportions(("2024-25", 48, 100), ("2025-26", 52, 100)).iloc[-1]["verdict"] == "not significant"
    # No change is claimed against a period too small to show.
    assert proportions(("2024-25", 5, 9), ("2025-26", 63, 100)).iloc[-1]["verdict"] == ""


def test_a_published_count_of_4_is_c_and_the_cells_beside_it_stay_shown():
    # Published (perturbed) counts: subtracting the shown cells from a total does not give the hidden one.
    frame = pd.DataFrame({"period": ["2025-26"] * 3 + ["2024-25"] * 2, "n": [4, 30, 12, 0, 40]})
    shown = measures.shown_counts(frame, "n", "period")
    assert shown["shown_label"].tolist() == ["c", "30", "12", "0", "40"]
    assert shown["shown"].isna().tolist() == [True, False, False, False, False]


def test_representation_index_flags_groups_answering_below_their_share():
    frame = pd.DataFrame(
        {"period": "2025-26", "group": ["A", "B", "C"], "respondents": [50, 30, 20], "population": [200, 200, 600]}
    )
    table = measures.representation(frame)
    # Shares of respondents 50/30/20% against population 20/20/60%.
    assert table["index"].round(2).tolist() == [2.5, 1.5, 0.33]
    assert table["flag"].tolist() == ["Over-represented", "Over-represented", "Under-represented"]


def test_representation_hides_a_small_group_but_still_flags_it_if_even_4_would_be_too_few():
    frame = pd.DataFrame(
        {"period": "2025-26", "group": ["A", "B", "C"], "respondents": [2, 48, 50], "population": [500, 250, 250]}
    )
    table = measures.representation(frame)
    # Published counts: 100 - 48 - 50 is noise, not the hidden group, so 48 stays shown.
    assert table["shown_label"].tolist() == ["c", "48", "50"]
    assert table["index"].isna().tolist() == [True, False, False]
    # At most 4 of 100 respondents against half the population: under-represented whatever the true count.
    assert table["flag"].tolist()[0] == "Under-represented"
    assert table["flag"].tolist()[1] == "Over-represented"  # 48% of respondents, 25% of the population


def test_rates_per_100_are_hidden_with_their_count():
    frame = pd.DataFrame(
        {"period": "2025-26", "group": ["A", "B", "C"], "respondents": [3, 20, 30], "population": [100, 400, 300]}
    )
    table = measures.rates(frame)
    # 3 is hidden; 20 stays (published counts: total - 20 - 30 is noise); 30 of 300 is 10 per 100.
    assert table["rate"].isna().tolist() == [True, False, False] and table["rate"].iloc[2] == 10
    tiny = measures.rates(pd.DataFrame({"period": "2025-26", "group": ["A"], "respondents": [6], "population": [9]}))
    assert pd.isna(tiny["rate"].iloc[0])  # 6 of 9 children: no rate on a base under 10


@pytest.mark.parametrize(
    "rows, sentence",
    [
        (
            [("2024-25", 48, 100), ("2025-26", 63, 100)],
            "Feel listened to: up 15 points since 2024-25 (48% to 63%, n=100), significant.",
        ),
        (
            [("2024-25", 48, 100), ("2025-26", 52, 100)],
            "Feel listened to: up 4 points since 2024-25 (48% to 52%, n=100), not significant.",
        ),
        (
            [("2024-25", 63, 100), ("2025-26", 48, 100)],
            "Feel listened to: down 15 points since 2024-25 (63% to 48%, n=100), significant.",
        ),
        (
            [("2024-25", 63, 100), ("2025-26", 5, 9)],
            "Feel listened to: too few answers in 2025-26 to show a percentage (fewer than 10).",
        ),
        (
            [("2024-25", 5, 9), ("2025-26", 63, 100)],
            "Feel listened to: 63% in 2025-26 (n=100); too few answers in 2024-25 to compare with.",
        ),
        ([("2025-26", 63, 100)], "Feel listened to: 63% in 2025-26 (n=100); no earlier period to compare with."),
    ],
)
def test_indicator_takeaways(rows, sentence):
    assert takeaways.indicator_takeaway("Feel listened to", proportions(*rows)) == sentence


def counts(*rows):
    frame = pd.DataFrame(rows, columns=["period", "n"])
    return frame.assign(hidden=frame["n"].between(1, 4))


def test_count_takeaway_compares_with_the_period_before_and_the_target():
    sentence = takeaways.count_takeaway(
        "young people aged 12-16 responded", counts(("2024-25", 90), ("2025-26", 125)), 150
    )
    assert sentence == "125 young people aged 12-16 responded in 2025-26, up 35 on 2024-25 (90). Target 150: 25 short."
    met = takeaways.count_takeaway("young people aged 12-16 responded", counts(("2024-25", 90), ("2025-26", 125)), 100)
    assert met.endswith("Target 100: met.")


def test_count_takeaway_never_states_a_small_count():
    assert takeaways.count_takeaway("attendances", counts(("2024-25", 90), ("2025-26", 4))) == (
        "Fewer than 5 attendances in 2025-26."
    )
    assert takeaways.count_takeaway("attendances", counts(("2024-25", 3), ("2025-26", 40))) == (
        "40 attendances in 2025-26, against fewer than 5 in 2024-25."
    )


def test_count_takeaway_claims_no_fall_in_a_year_not_over():
    table = counts(("2025-26", 410), ("2026-27", 248)).assign(part_year=[False, True])
    assert takeaways.count_takeaway("pieces of feedback", table) == (
        "248 pieces of feedback in 2026-27 so far (part of the year), against 410 in 2025-26."
    )


def test_group_gap_names_highest_lowest_and_small_groups():
    frame = pd.DataFrame(
        {
            "period": "2025-26",
            "group": ["Parent carer", "Young person", "Professional", "Not recorded"],
            "positive": [70, 50, 5, 8],
            "base": [100, 100, 9, 12],
        }
    )
    sentence = takeaways.group_gap_takeaway(measures.with_percentages(frame), "Respondent type")
    assert sentence == (
        "In 2025-26, Parent carer highest at 70% (n=100) and Young person lowest at 50% (n=100): a gap of 20 "
        "points (a description of these groups, not a significance test). Not shown (fewer than 10 answers): 1 group."
    )


def test_comment_themes_are_whole_word_keyword_rules():
    rules = {"Out of date": ["out of date", "no longer exists"], "Could not find": ["could not find", "find"]}
    assert themes.themes_of("The form no longer exists and is out of date", rules) == ["Out of date"]
    assert themes.themes_of("My findings were fine", rules) == [themes.OTHER]  # "find" is not "findings"
    counted = themes.theme_counts(pd.Series(["Could not find it", "out of date", None, "Lovely"]), rules)
    assert dict(zip(counted["theme"], counted["comments"], strict=True)) == {
        "Out of date": 1,
        "Could not find": 1,
        "Other": 1,
    }


def test_the_page_codes_comments_in_the_database_exactly_as_the_keyword_rules_read():
    # The Impact page counts themes in SQL (one pattern per theme); a comment must land in the same themes.
    rules = {**themes.theme_rules(), "Odd keywords": ["e-mail", "100%", "(x)", "café"]}
    comments = ["Thanks!", "thanksgiving", "éthanks", "thanks_", "POST-16 help", "Couldn't Find it", "cantfind",
                "e-mail me", "x100%", "100% sure", "(x) yes", "Findings", "translation", "bslé", "Café open",
                "\nuseful\n"]  # fmt: skip
    con = duckdb.connect()
    for comment in comments:
        coded = [
            theme
            for theme, pattern in themes.theme_patterns(rules).items()
            if con.execute("select regexp_matches(lower($c), $p)", {"c": comment, "p": pattern}).fetchone()[0]
        ]
        assert (coded or [themes.OTHER]) == themes.themes_of(comment, rules), comment


def test_the_shipped_theme_rules_code_every_sample_comment_wording():
    rules = themes.theme_rules()
    assert themes.themes_of("Information about EHC needs assessments looks out of date.", rules) == [
        "Out of date or broken links"
    ]
    assert themes.themes_of("Really hard to navigate on a phone", rules) == ["Hard to use or navigate"]


def test_a_period_not_yet_over_is_in_progress():
    today = dt.date(2026, 11, 23)
    assert measures.in_progress("2026-27", today) and measures.in_progress("2026-27 Q3", today)
    assert not measures.in_progress("2025-26", today) and not measures.in_progress("2026-27 Q2", today)


def test_quarters_are_compared_with_the_same_quarter_a_year_before():
    table = proportions(("2024-25 Q3", 40, 100), ("2024-25 Q4", 70, 100), ("2025-26 Q3", 55, 100))
    by_period = table.set_index("period")
    assert pd.isna(by_period.loc["2024-25 Q4", "previous_period"])  # not compared with Q3's different survey
    assert by_period.loc["2025-26 Q3", "previous_period"] == "2024-25 Q3"
    assert by_period.loc["2025-26 Q3", "change"] == pytest.approx(15)


def test_a_missing_year_is_not_bridged():
    assert proportions(("2023-24", 40, 100), ("2025-26", 63, 100)).iloc[-1]["verdict"] == ""
