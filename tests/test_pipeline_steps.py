"""Each pipeline step on its own, on small files."""

import pandas as pd
import pytest

from pipelines.mapping import load_mapping, map_columns
from pipelines.normalise import normalise_survey, parse_age, redact_free_text, score_answer
from pipelines.read import UnreadableFile, read_export
from tests.conftest import DATA


def test_read_drops_blank_rows_and_numbers_rows_as_in_a_spreadsheet():
    frame = read_export((DATA / "big_bang_small.csv").read_bytes(), "big_bang_small.csv")
    assert len(frame) == 6
    assert frame["row_number"].tolist() == [2, 3, 4, 5, 6, 7]


def test_read_keeps_none_as_an_answer_not_a_blank():
    frame = read_export(b"ID,Support\n1,None\n2,\n", "x.csv")
    assert frame["Support"].iloc[0] == "None"
    assert pd.isna(frame["Support"].iloc[1])


def test_read_decodes_windows_1252_and_semicolons():
    frame = read_export("ID;Comment\n1;It’s £5\n".encode("cp1252"), "x.csv")
    assert frame["Comment"].iloc[0] == "It’s £5"


@pytest.mark.parametrize("content", [b"", b"   \n", b"ID,Age\n"])
def test_read_refuses_an_empty_file_with_one_sentence(content):
    with pytest.raises(UnreadableFile, match="x.csv"):
        read_export(content, "x.csv")


def test_map_columns_ignores_case_and_punctuation_and_lists_unmatched():
    raw = pd.DataFrame({"row_number": [2], "RESPONSE id": ["1"], "how old are you": ["14"], "IP Address": ["x"]})
    mapped = map_columns(raw, load_mapping("big_bang"))
    assert mapped.matched == {"RESPONSE id": "source_response_id", "how old are you": "age"}
    assert mapped.unmatched == ["IP Address"]
    assert "IP Address" not in mapped.frame


@pytest.mark.parametrize(
    "text, expected",
    [
        ("14", (14, "12-16")),
        ("14 years", (14, "12-16")),
        ("fourteen", (14, "12-16")),
        ("11", (11, "5-11")),
        ("11-15", (None, "11-15")),
        ("Prefer not to say", (None, "Prefer not to say")),
        (None, (None, None)),
        ("abc", (None, None)),
    ],
)
def test_parse_age_keeps_bands_as_bands_and_never_guesses(text, expected):
    assert parse_age(text) == expected


def test_free_text_loses_emails_and_phone_numbers():
    text = redact_free_text("Email sam@example.org or ring 07700 900123 or +44 7700 900 456")
    assert "@" not in text and "900" not in text
    assert text.count("[phone removed]") == 2 and "[email removed]" in text


@pytest.mark.parametrize(
    "answer, scale, expected",
    [
        ("Agree", "agree5", (4.0, True)),
        ("Neither agree nor disagree", "agree5", (3.0, False)),
        ("Don't know", "agree5", (None, None)),
        ("Prefer not to say", "agree5", (None, None)),
        ("No", "yesno", (0.0, False)),
        ("5", "useful5", (5.0, True)),
    ],
)
def test_scores_leave_non_answers_out_of_the_base(answer, scale, expected):
    assert score_answer(answer, scale) == expected


def test_normalise_keeps_missing_and_prefer_not_to_say_apart():
    raw = read_export((DATA / "big_bang_small.csv").read_bytes(), "b.csv")
    frame = normalise_survey(map_columns(raw, load_mapping("big_bang")).frame, load_mapping("big_bang"))
    assert frame["primary_need"].iloc[2] == "Prefer not to say" and pd.isna(frame["primary_need"].iloc[3])
    assert frame["support_level"].tolist()[:3] == ["EHC plan", "SEN Support", "None or unknown"]
    assert frame["quarter"].iloc[0] == "2024-25 Q3" and frame["wave"].iloc[0] == "2024-25"
    assert frame["respondent_type"].unique().tolist() == ["Young person"]


@pytest.mark.parametrize(
    "text, kept, gone",
    [
        ("We live at 12 Albert Road, Southsea PO4 0JT", "Southsea", ["12 Albert Road", "PO4 0JT"]),
        ("Send it to sw1a 1aa", "Send it to", ["sw1a 1aa"]),
        ("My son is 14 and in Year 9; rated 5 in Q2 2025", "My son is 14 and in Year 9; rated 5 in Q2 2025", []),
    ],
)
def test_free_text_loses_postal_addresses_but_keeps_ordinary_numbers(text, kept, gone):
    from pipelines.redact import redact_free_text as redact

    redacted = redact(text)
    assert kept in redacted
    assert all(part not in redacted for part in gone) and ("[address removed]" in redacted) == bool(gone)
