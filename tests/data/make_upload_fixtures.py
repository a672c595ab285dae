"""Write the survey-tool fixtures in tests/data: each tool's real layout, with the awkward cases officers meet.

Run `python tests/data/make_upload_fixtures.py` after changing it, and commit the files it writes. Every
expected count in tests/test_upload_*.py is hand-counted from the rows below.
"""

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent


def write_csv(name: str, rows: list[list], encoding: str = "utf-8", delimiter: str = ",", newline: str = "\n"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    (HERE / name).write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(name: str, rows: list[list], sheet: str = "Sheet1"):
    workbook = openpyxl.Workbook()
    workbook.active.title = sheet
    for row in rows:
        workbook.active.append(row)
    fixed = dt.datetime(2026, 1, 1)
    workbook.properties.created = workbook.properties.modified = fixed
    workbook.save(HERE / name)


def surveymonkey_big_bang():
    """SurveyMonkey: two header rows, one column per option (pick-several) and per statement (grid), US dates.

    Re-saved in Excel as Windows-1252 with CRLF. Rows 3-9: row 7 is the officer's test, row 8 repeats row 6."""
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address"]
    meta += ["First Name", "Last Name", "Custom Data 1"]
    grid = ["I feel listened to", "My views make a difference", "I have seen changes because of my feedback"]
    grid += ["I know how to get involved"]
    top = meta + ["How old are you?", "Which area do you live in?", "What is your main need?"]
    top += ["Which of these have you taken part in? (tick all that apply)", None, None, None]
    top += ["How much do you agree with these statements?", None, None, None, "Anything else you want to tell us?"]
    second = [None] * len(meta) + ["Response", "Response", "Response"]
    second += ["Youth forum", "Big Bang event", "Young inspectors", "Other (please specify)", *grid]
    second += ["Open-Ended Response"]

    data = [
        ["114001", "11/06/2025 10:02:11 AM", "11/06/2025 10:14:31 AM", "192.0.2.10", None, None, None, "14", "North",
         "Autism", "Youth forum", None, "Young inspectors", None, "Agree", "Strongly agree", "Agree", "Agree",
         "I liked the forum \u2013 Jake helped me a lot. Call me on 07700 900123"],
        ["114002", "11/07/2025 04:11:40 PM", "11/07/2025 04:20:00 PM", "192.0.2.11", None, None, None, "14 years",
         "South", "SEMH", None, "Big Bang event", None, None, "Disagree", "Neither agree nor disagree", "Disagree",
         "Agree", "It cost \u00a35 to get there, that\u2019s too much"],
        ["114003", "11/13/2025 08:51:02 AM", "11/13/2025 09:00:00 AM", "192.0.2.12", None, None, None, "fourteen",
         "Prefer not to say", "Prefer not to say", None, None, None, None, "Strongly agree", "Agree", "Don't know",
         "Agree", None],
        ["114004", "11/14/2025 01:22:45 PM", "11/14/2025 01:30:00 PM", "192.0.2.13", None, None, None, None,
         "Central", "SLCN", "Youth forum", None, None, "Art club", "Agree", "Agree", "Agree", "Strongly agree",
         "My email is sam.smith@example.org"],
        ["114005", "11/15/2025 09:58:00 AM", "11/15/2025 10:00:00 AM", "10.0.0.1", "officer.test@council.example",
         "Test", "Officer", "15", "North", "Autism", "Youth forum", None, None, None, "Agree", "Agree", "Agree",
         "Agree", "test"],
        ["114004", "11/14/2025 01:22:45 PM", "11/14/2025 01:30:00 PM", "192.0.2.13", None, None, None, None,
         "Central", "SLCN", "Youth forum", None, None, "Art club", "Agree", "Agree", "Agree", "Strongly agree",
         "My email is sam.smith@example.org"],
        ["114006", "11/20/2025 06:40:10 PM", "11/20/2025 06:45:00 PM", "192.0.2.14", None, None, None, "16",
         "Out of area", "MLD", None, "Big Bang event", "Young inspectors", None, "Disagree", "Disagree",
         "Strongly disagree", "Neither agree nor disagree", "Please ask for Mrs Khan at the college"],
    ]  # fmt: skip
    rows = [top, second]
    for r in data:
        rid, start, end, ip, email, first, last, *rest = r
        rows.append([rid, "412503347", start, end, ip, email, first, last, None, *rest])
    write_csv("surveymonkey_big_bang.csv", rows, encoding="cp1252", newline="\r\n")


def microsoft_forms_involvement():
    """Microsoft Forms: its own columns, real Excel dates, pick-several joined with ';'. Rows 2-7: rows 4 and 5
    break a rule (age 31; an area that does not exist), so the officer chooses whether to load the other four."""
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "I am a...",
              "How old is your child or young person?", "Which area do you live in?", "Primary need",
              "Support level", "Setting", "I feel that I am listened to", "My views make a difference",
              "I have seen change because of my feedback", "I am an equal partner and am listened to and valued",
              "I know how to get involved", "I get clear, timely information in a way I can use",
              "Which events have you been to?", "What one thing would make the biggest difference?"]  # fmt: skip

    def when(day, hour, minute):
        return dt.datetime(2026, 2, day, hour, minute, 5)

    data = [
        [1, "anonymous", "anonymous", "Parent carer", 7, "North", "Autism", "EHC plan", "Mainstream school",
         "Agree", "Agree", "Disagree", "Agree", "Agree", "Disagree", "Coffee morning;Forum;",
         "More help after diagnosis"],
        [2, "anonymous", "anonymous", "Young person", "17", "South", "SEMH", "SEN Support", "College",
         "Strongly agree", "Agree", "Agree", "Agree", "Agree", "Agree", "Forum;", "Call me on 023 9268 8888"],
        [3, "anonymous", "anonymous", "Parent/carer", 31, "Central", "MLD", "EHC plan", "Special school",
         "Disagree", "Disagree", "Disagree", "Disagree", "Agree", "Disagree", None, None],
        [4, "anonymous", "anonymous", "Professional", None, "Westside", None, None, None,
         "Neither agree nor disagree", "Agree", "Agree", "Agree", "Agree", "Agree", "Training day;", None],
        [5, "anonymous", "anonymous", "Parent carer", "Prefer not to say", "Prefer not to say", "Prefer not to say",
         "Prefer not to say", "Prefer not to say", "Prefer not to say", "Prefer not to say", None, None, None,
         None, None, None],
        [6, "priya.shah@example.org", "Priya Shah", "Young person", "15 years", "North", "Autism", "EHC plan",
         "Mainstream school", "Agree", "Strongly agree", "Agree", "Agree", "Strongly agree", "Agree",
         "Forum;Coffee morning;", "Priya would like a reply about transport"],
    ]  # fmt: skip
    rows = [header]
    for number, r in enumerate(data, start=1):
        rid, email, name, *answers = r
        start, done = when(number + 2, 9, number), when(number + 2, 9, number + 10)
        rows.append([rid, start, done, email, name, done, *answers])
    write_xlsx("microsoft_forms_involvement.xlsx", rows)


def google_forms_involvement():
    """Google Forms: Timestamp first, no response id, grid as 'Question [Statement]', pick-several joined with
    ', '. Rows 2-7: row 3 is the same submission as row 2, row 6 is a test."""
    grid = "How much do you agree with these statements?"
    header = ["Timestamp", "Email address", "I am a...", "How old is your child or young person?",
              "Which area do you live in?", f"{grid} [I feel listened to]", f"{grid} [My views make a difference]",
              f"{grid} [I know how to get involved]", "Which events have you been to?",
              "What one thing would make the biggest difference?"]  # fmt: skip
    first = ["2026/02/10 9:15:32 am GMT", "a.parent@example.org", "Parent carer", "8", "North", "Agree", "Agree",
             "Disagree", "Coffee morning, Forum", "Quicker replies from the EHC team"]  # fmt: skip
    rows = [
        header,
        first,
        list(first),
        ["2026/02/11 7:02:10 pm GMT", None, "Young person", "16", "South", "Strongly agree", "Agree", "Agree",
         "Forum", None],
        ["2026/02/12 8:30:00 am GMT", None, "Parent carer", "Prefer not to say", "Prefer not to say", "Disagree",
         "Disagree", "Don't know", None, "Nothing"],
        ["2026/02/12 8:45:00 am GMT", "test@example.org", "Parent carer", "5", "North", "Agree", "Agree", "Agree",
         None, "test"],
        ["2026/02/13 4:05:59 pm GMT", None, "Professional", None, "Central", "Neither agree nor disagree", "Agree",
         "Agree", "Training day", "Speak to Daniel in the EHC team"],
    ]  # fmt: skip
    write_csv("google_forms_involvement.csv", rows)


def smartsurvey_local_offer():
    """SmartSurvey: a title row, then two header rows (question, then option), its own columns, numbered
    questions; semicolons, UTF-8 with BOM, CRLF; a blank row and a TOTAL row at the end."""
    header = ["UserNo", "Name", "Email", "IP Address", "Unique ID", "Started", "Ended",
              "1. Which page were you on?", "2. How useful was this page?",
              "3. Did you find what you were looking for?", "4. Which services were you looking for?", None, None,
              "5. Comment"]  # fmt: skip
    options = [None] * 10 + ["Short breaks", "Education", "Health", None]
    data = [
        ["1001", None, None, "198.51.100.1", None, "02/04/2026 10:00", "02/04/2026 10:03", "Short breaks", "4",
         "Yes", "Short breaks", None, None, "Really useful, thanks"],
        ["1002", None, None, "198.51.100.2", None, "15/04/2026 19:11", "15/04/2026 19:20",
         "Preparing for adulthood", "2", "No", None, "Education", "Health", "Hard to use on a phone"],
        ["1003", None, None, "198.51.100.3", None, "30/04/2026 08:01", "30/04/2026 08:05", "Social care", "5",
         "Yes", None, None, None, None],
        ["1004", None, None, "198.51.100.4", None, "03/05/2026 11:55", "03/05/2026 12:00", "Education", "3", "Yes",
         None, "Education", None, "Ring me on 07700 900456"],
    ]  # fmt: skip
    rows = [["Local Offer feedback \u2014 responses export"], header, options, *data, [None] * 14]
    rows.append(["TOTAL", None, None, None, None, None, None, None, None, None, "1", "2", "1", None])
    write_csv("smartsurvey_local_offer.csv", rows, encoding="utf-8-sig", delimiter=";", newline="\r\n")


def excel_big_bang():
    """Typed up in Excel from paper forms: a title row, no response id, Excel date numbers, ages as words and
    bands, a question the mapping does not know, a TOTAL row and blank rows at the end."""
    header = ["Date", "Age", "Area", "I feel listened to", "My views make a difference",
              "Do you feel safe at school?", "Comments"]  # fmt: skip
    rows = [
        ["Big Bang survey 2025 \u2013 paper forms"],
        header,
        [45968.4375, "14", "North", "Agree", "Agree", "Yes", None],
        [45969.5, "14 years", "South", "Strongly agree", "Agree", "No", "More trips please"],
        [45971.375, "fourteen", "Central", "Disagree", "Disagree", "Yes", None],
        [45973.65625, "11-15", "North", "Agree", "Neither agree nor disagree", "Yes", None],
        [45975.47222222222, None, "Prefer not to say", "Agree", "Agree", "Prefer not to say", None],
        [45978.666666666664, "Prefer not to say", "South", "Strongly disagree", "Disagree", "No", "My son Tom hated it"],
        [],
        ["TOTAL", 6, None, None, None, None, None],
        [],
        [],
    ]
    write_xlsx("excel_big_bang.xlsx", rows, sheet="Responses")


def small_awkward_files():
    """Semicolons with decimal commas; a stray Windows-1252 byte in a UTF-8 file; a row with an extra value."""
    write_csv(
        "excel_semicolon_big_bang.csv",
        [
            ["Response ID", "Date submitted", "How old are you?", "I feel listened to", "My views make a difference",
             "Anything else you want to tell us?"],
            ["E-1", "45968,4375", "14,0", "4 - Agree", "5 - Strongly agree", "Caf\u00e9 was great \u2013 \u00a32"],
            ["E-2", "45969,5", "15", "2 - Disagree", "3 - Neither agree nor disagree", None],
            ["E-3", "45971", "16", "Agree", "Agree", None],
        ],  # fmt: skip
        encoding="cp1252",
        delimiter=";",
        newline="\r\n",
    )
    text = (
        "Response ID,Date submitted,How old are you?,Anything else you want to tell us?\n"
        "M-1,04/11/2025,14,Caf\u00e9 was good\n"
        "M-2,05/11/2025,15,\"Two\nlines\"\n"
    ).encode()
    (HERE / "mixed_encoding.csv").write_bytes(text + b"M-3,06/11/2025,16,Caf\xe9 was shut\n")
    (HERE / "big_bang_extra_value.csv").write_text(
        "Response ID,Date submitted,How old are you?,I feel listened to\n"
        "X-1,04/11/2025,14,Agree\n"
        "X-2,05/11/2025,15,Agree,with an extra value\n"
        "X-3,06/11/2025,16,Disagree\n"
    )
    (HERE / "big_bang_two_waves.csv").write_text(
        "Response ID,Date submitted,How old are you?,I feel listened to\n"
        "W-1,04/11/2025,14,Agree\n"
        "W-2,05/11/2025,15,Agree\n"
        "W-3,20/03/2025,16,Disagree\n"
        "W-4,06/11/2025,12,Agree\n"
    )


if __name__ == "__main__":
    surveymonkey_big_bang()
    microsoft_forms_involvement()
    google_forms_involvement()
    smartsurvey_local_offer()
    excel_big_bang()
    small_awkward_files()
    print("Wrote the upload fixtures to", HERE)
