"""Reading exports as each survey tool writes them: encodings, delimiters, header rows, dates, column names."""

import io

import openpyxl
import pandas as pd
import pytest

from pipelines.dates import DAY_FIRST, MONTH_FIRST, read_dates
from pipelines.formats import flatten
from pipelines.mapping import header_parts, load_mapping, map_columns
from pipelines.read import UnreadableFile, read_export, read_table
from tests.conftest import DATA


def export_of(name: str):
    return flatten(read_table((DATA / name).read_bytes(), name), name)


@pytest.mark.parametrize(
    "name, tool, header_rows, responses",
    [
        ("surveymonkey_big_bang.csv", "SurveyMonkey", 2, 7),
        ("microsoft_forms_involvement.xlsx", "Microsoft Forms", 1, 6),
        ("google_forms_involvement.csv", "Google Forms", 1, 6),
        ("smartsurvey_local_offer.csv", "SmartSurvey", 2, 4),
        ("excel_big_bang.xlsx", "Spreadsheet", 1, 6),
        ("big_bang_small.csv", "Spreadsheet", 1, 6),
    ],
)
def test_each_tool_is_recognised_from_its_own_columns(name, tool, header_rows, responses):
    export = export_of(name)
    assert (export.tool, export.header_rows, len(export.frame)) == (tool, header_rows, responses)


def test_surveymonkey_two_row_header_becomes_one_column_per_question():
    frame = export_of("surveymonkey_big_bang.csv").frame
    ticks = "Which of these have you taken part in? (tick all that apply)"
    assert frame[ticks].tolist()[:3] == ["Youth forum; Young inspectors", "Big Bang event", None]
    assert frame[f"{ticks} [Other (please specify)]"].tolist()[3] == "Art club"
    grid = "How much do you agree with these statements? [I feel listened to]"
    assert frame[grid].tolist()[:2] == ["Agree", "Disagree"]
    assert frame["row_number"].tolist() == [3, 4, 5, 6, 7, 8, 9]  # two header rows above


def test_windows_1252_text_is_read_exactly_never_with_replacement_characters():
    table = read_table((DATA / "surveymonkey_big_bang.csv").read_bytes(), "sm.csv")
    assert table.encoding == "Windows-1252"
    text = " ".join(str(cell) for row in table.rows for cell in row)
    assert "£5" in text and "that’s" in text and "–" in text and "\ufffd" not in text


def test_a_byte_that_cannot_be_read_is_an_error_naming_its_row():
    # Row 3 holds a quoted line break, so the bad byte is on line 5 of the file but in spreadsheet row 4.
    with pytest.raises(UnreadableFile, match=r"row 4 contains a character that is not valid UTF-8 text \(byte 0xE9\)"):
        read_table((DATA / "mixed_encoding.csv").read_bytes(), "mixed_encoding.csv")


def test_excel_unicode_text_is_utf16_with_tabs():
    table = read_table("Response ID\tHow old are you?\r\nR-1\tfourteen\r\n".encode("utf-16"), "export.txt")
    assert (table.encoding, table.delimiter, table.rows[1]) == ("UTF-16", "\t", ["R-1", "fourteen"])


def test_a_surveymonkey_workbook_reads_like_its_csv():
    workbook = openpyxl.Workbook()
    for row in read_table((DATA / "surveymonkey_big_bang.csv").read_bytes(), "sm.csv").rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    from_xlsx = flatten(read_table(buffer.getvalue(), "sm.xlsx"), "sm.xlsx")
    assert (from_xlsx.tool, from_xlsx.header_rows) == ("SurveyMonkey", 2)
    assert from_xlsx.frame.equals(export_of("surveymonkey_big_bang.csv").frame)


def test_semicolons_bom_title_rows_summary_rows_and_blank_rows():
    export = export_of("smartsurvey_local_offer.csv")
    assert (export.table.encoding, export.table.delimiter, export.title_rows) == ("UTF-8 with BOM", ";", 1)
    assert export.skipped == [(9, "a summary row ('TOTAL'), not a response")]
    assert export.blank_rows == 1
    assert export.frame["4. Which services were you looking for?"].tolist() == [
        "Short breaks",
        "Education; Health",
        None,
        "Education",
    ]


def test_microsoft_forms_choices_and_excel_dates_are_tidied():
    frame = export_of("microsoft_forms_involvement.xlsx").frame
    assert frame["Which events have you been to?"].tolist()[0] == "Coffee morning; Forum"
    assert frame["Completion time"].tolist()[0] == "2026-02-03 09:11:05"
    assert frame["How old is your child or young person?"].tolist()[:3] == ["7", "17", "31"]


def test_excel_sheet_with_title_total_and_trailing_blank_rows():
    export = export_of("excel_big_bang.xlsx")
    assert export.table.sheet == "Responses"
    assert export.skipped == [(10, "a summary row ('TOTAL'), not a response")]
    assert export.frame["row_number"].tolist() == [3, 4, 5, 6, 7, 8]


def test_a_row_with_more_values_than_headers_is_noted():
    assert export_of("big_bang_extra_value.csv").ragged_rows == [3]


def test_read_export_still_returns_one_frame_with_row_numbers():
    frame = read_export(b"ID;Age\r\n1;14\r\n;\r\n", "x.csv")
    assert frame.to_dict("list") == {"row_number": [2], "ID": ["1"], "Age": ["14"]}


@pytest.mark.parametrize(
    "values, order, first",
    [
        (["04/11/2025 09:15", "13/11/2025"], DAY_FIRST, "2025-11-04 09:15"),
        (["11/04/2025 9:15:32 PM", "11/13/2025 10:00 AM"], MONTH_FIRST, "2025-11-04 21:15:32"),
        (["2025/11/04 9:15:32 am GMT", "2025-11-05T10:00:00.000Z"], None, "2025-11-04 09:15:32"),
        (["45965.38541666666", "45966,5"], None, "2025-11-04 09:15"),
    ],
)
def test_date_order_is_decided_from_the_whole_column(values, order, first):
    reading = read_dates(pd.Series(values))
    assert reading.order == order
    assert reading.values.iloc[0] == pd.Timestamp(first)


def test_ambiguous_dates_are_read_the_uk_way_and_the_officer_is_told():
    reading = read_dates(pd.Series(["04/11/2025", "05/11/2025"]))
    assert reading.values.tolist() == [pd.Timestamp("2025-11-04"), pd.Timestamp("2025-11-05")]
    assert "could be read either way" in reading.note and "day/month/year" in reading.note


def test_ambiguous_dates_that_would_be_in_the_future_read_the_us_way():
    reading = read_dates(pd.Series(["04/11/2025", "05/12/2025"]), now=pd.Timestamp("2025-06-01").to_pydatetime())
    assert reading.order == MONTH_FIRST and reading.values.iloc[0] == pd.Timestamp("2025-04-11")
    assert "day/month/year would put some in the future" in reading.note


def test_impossible_dates_stay_unreadable():
    reading = read_dates(pd.Series(["31/02/2025", "13/13/2025", "yesterday", None]))
    assert reading.values.isna().all()


@pytest.mark.parametrize(
    "header, field",
    [
        ("1. How old are you?", "age"),
        ("HOW OLD ARE YOU", "age"),
        ("How much do you agree with these statements? [I feel listened to]", "bb_listened"),
        ("Statements - My views make a difference", "bb_difference"),
        ("I feel I am listened to", "bb_listened"),  # reworded: 0.88 alike
        ("I have seen change because of my feedback", "bb_seen_change"),
        ("Which area do you live in", "locality"),
        ("Timestamp", "submitted_at"),
        ("Respondent ID", "source_response_id"),
    ],
)
def test_columns_are_matched_by_their_wording_not_their_position(header, field):
    raw = pd.DataFrame({"row_number": [2], header: ["x"]})
    assert map_columns(raw, load_mapping("big_bang")).matched == {header: field}


@pytest.mark.parametrize(
    "header", ["I don't feel listened to", "My views do not make a difference", "How old is your dog?"]
)
def test_opposite_or_different_questions_are_never_matched(header):
    raw = pd.DataFrame({"row_number": [2], header: ["x"]})
    assert map_columns(raw, load_mapping("big_bang")).unknown == [header]


def test_identifying_and_tool_columns_are_set_apart_not_stored():
    headers = ["Email Address", "First Name", "IP Address", "Your phone number", "Collector ID", "Start time"]
    raw = pd.DataFrame({"row_number": [2], **{h: ["x"] for h in headers}})
    mapped = map_columns(raw, load_mapping("big_bang"))
    assert mapped.identifying == headers[:4] and mapped.metadata == headers[4:]
    assert list(mapped.frame.columns) == ["row_number"] and mapped.unknown == []


def test_header_parts_offer_the_question_inside_tool_layouts():
    assert header_parts("Q3. Grid [I feel listened to]")[-1] == "i feel listened to"
    assert "how old are you" in header_parts("2) How old are you?")
