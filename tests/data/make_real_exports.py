"""Write tests/data/real_exports/: small survey exports made the way real tools and people make them.

One file (or two) per class in issue 11: a wave across 31 March, a one-group survey, other answer scales,
varied wordings, Excel damage, paper returns with no ID, and pick-several answers. Run
`python tests/data/make_real_exports.py` after changing it and commit the files it writes. The answers follow
fixed cycles (the seeded generator only picks ages, areas and times), so tests/test_real_exports.py can state
what each file must store by counting the cycles by hand.
"""

import csv
import datetime as dt
import io
import random
from pathlib import Path

OUT = Path(__file__).parent / "real_exports"
AREA = "Portsmouth"
AGREE5 = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]
AREAS = ["North", "Central", "South"]


def write_csv(name: str, rows: list[list], encoding: str = "utf-8", delimiter: str = ",") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    (OUT / name).write_bytes(buffer.getvalue().encode(encoding))


def cycle(values: list, i: int):
    return values[i % len(values)]


def a_wave_across_march(rng: random.Random) -> None:
    """Big Bang 2025, open 10 Feb to 23 Apr 2025: 14 responses before 1 April, 10 after (SurveyMonkey, one row)."""
    days = [dt.date(2025, 2, 10) + dt.timedelta(days=3 * i) for i in range(14)]  # 10 Feb .. 21 Mar
    days += [dt.date(2025, 4, 1) + dt.timedelta(days=2 * i + 4 * (i > 4)) for i in range(10)]  # 1 Apr .. 25 Apr
    rows = [["Respondent ID", "End Date", "How old are you?", "Which area do you live in?", "I feel listened to"]]
    rows[0] += ["My views make a difference", "Anything else you want to tell us?"]
    for i, day in enumerate(days):
        stamp = dt.datetime.combine(day, dt.time(rng.randint(9, 20), rng.randint(0, 59)))
        comment = "More clubs in the holidays please" if i % 4 == 0 else ""  # rows 0, 4, 8, ... 20: 6 comments
        rows.append([f"2025{i + 1:03d}", stamp.strftime("%d/%m/%Y %H:%M"), str(rng.randint(11, 25))])
        rows[-1] += [rng.choice(AREAS), cycle(AGREE5, i), cycle(AGREE5[:2] + AGREE5[3:], i), comment]
    write_csv("a_big_bang_feb_to_apr.csv", rows)


def b_one_group(rng: random.Random) -> None:
    """A parent carer forum's Google Form: no "I am a..." question, no response ID, 12 responses."""
    rows = [["Timestamp", "How old is your child?", "Which area do you live in?", "I feel listened to"]]
    rows[0] += ["I know how to get involved", "What one thing would make the biggest difference?"]
    for i in range(12):
        stamp = dt.datetime(2025, 6, 2, 9) + dt.timedelta(days=i, minutes=rng.randint(0, 500))
        comment = "Quicker replies to emails" if i % 3 == 0 else ""  # 4 comments
        rows.append([stamp.strftime("%Y/%m/%d %-I:%M:%S %p") + " GMT+1", str(rng.randint(4, 17))])
        rows[-1] += [rng.choice(AREAS), cycle(["Agree", "Disagree", "Strongly agree"], i), "Agree", comment]
    write_csv("b_parent_carer_forum.csv", rows)


def c_other_scales(rng: random.Random) -> None:
    """Involvement survey answered on five different scales (Microsoft Forms style, 20 rows), and two Local
    Offer widgets: "Was this page useful?" as 1-5 with Y/N/y/n, and as Yes/No."""
    header = ["ID", "Completion time", "I am a...", "I feel listened to", "My views make a difference"]
    header += ["I have seen changes because of my feedback", "I know how to get involved"]
    header += ["I get clear, timely information in a way I can use"]
    agree4 = ["Strongly agree", "Agree", "Agree", "Disagree", "Strongly disagree"]  # 3 of 5 positive
    number5 = ["5", "4", "3", "2", "1"]  # 2 of 5 positive (4 or 5)
    number10 = ["10", "8", "7", "6", "3"]  # 3 of 5 positive (7 or more)
    yes_no = ["Y", "y", "N", "n", "Yes"]  # 3 of 5 positive
    faces = ["😀", "🙂", "😐", "🙁", "😞"]  # 2 of 5 positive
    rows = [header]
    for i in range(20):
        stamp = dt.datetime(2025, 9, 1, 10) + dt.timedelta(days=i, minutes=rng.randint(0, 300))
        rows.append([str(i + 1), stamp.strftime("%m/%d/%Y %-I:%M:%S %p"), cycle(["Parent carer", "Young person"], i)])
        rows[-1] += [cycle(agree4, i), cycle(number5, i), cycle(number10, i), cycle(yes_no, i), cycle(faces, i)]
    write_csv("c_involvement_five_scales.csv", rows)

    rows = [["Feedback ID", "Date", "Page", "Was this page useful?", "Did you find what you were looking for?"]]
    for i in range(10):
        day = dt.date(2025, 10, 1) + dt.timedelta(days=3 * i)
        rows.append([f"LO-{700 + i}", day.isoformat(), cycle(["Short breaks", "Education"], i)])
        rows[-1] += [cycle(["5", "4", "2", "1", "3"], i), cycle(["Y", "n", "y", "N"], i)]  # useful 4/10, found 5/10
    write_csv("c_local_offer_ratings.csv", rows)

    rows = [["id", "page_title", "submitted", "Was this page useful?", "What can we improve?"]]
    for i in range(10):
        day = dt.date(2025, 11, 3) + dt.timedelta(days=i)
        rows.append([str(9000 + i), cycle(["Short breaks", "Transport"], i), f"{day:%d/%m/%Y} 12:00"])
        rows[-1] += [cycle(["Yes", "No", "Yes", "Yes", "No"], i), "Bigger text" if i == 2 else ""]  # useful 6/10
    write_csv("c_local_offer_yes_no.csv", rows)


def d_wordings(rng: random.Random) -> None:
    """SmartSurvey with sub-headers and the area's name in its questions; a typed-up paper form's abbreviations."""
    top = ["UserNo", "Started", "Ended", "1. How old are you?", f"2. Which area of {AREA} do you live in?"]
    top += ["3. How much do you agree with these statements?", "", "", "4. Anything else?"]
    sub = ["", "", "", "", "", f"Adults who make decisions about {AREA} listen to young people"]
    sub += ["My views make a difference", "I know how I can get involved", ""]
    rows = [top, sub]
    for i in range(10):
        stamp = dt.datetime(2025, 11, 10, 10) + dt.timedelta(days=i)
        rows.append([str(5000 + i), f"{stamp:%d/%m/%Y %H:%M}", f"{stamp + dt.timedelta(minutes=9):%d/%m/%Y %H:%M}"])
        rows[-1] += [str(rng.randint(12, 19)), rng.choice(AREAS), cycle(AGREE5, i), "Agree", "Strongly agree", ""]
    write_csv("d_smartsurvey_area_name.csv", rows)

    rows = [["Ref", "Date", "Age", "Area", "SEND? (Y/N)", "Adults listen (1-5)", "Views make a difference (1-5)"]]
    for i in range(12):
        day = dt.date(2025, 11, 20) + dt.timedelta(days=i // 4)
        rows.append([f"P{i + 1}", f"{day:%d/%m/%Y}", str(rng.randint(11, 18)), rng.choice(AREAS)])
        rows[-1] += [cycle(["Y", "N", "y"], i), cycle(["5", "4", "3", "2"], i), cycle(["4", "2"], i)]
    write_csv("d_paper_typed_up.csv", rows)


def e_excel_damage(rng: random.Random) -> None:
    """An earlier clean export, then the next one opened and re-saved in Excel: bands turned into dates, dates
    into serial numbers, and "000101" into "101"."""
    bands = ["11-15", "10-12", "16-19"]
    rows = [["Response ID", "Date submitted", "Age group", "I feel listened to"]]
    for i in range(6):
        rows.append([f"{101 + i:06d}", f"0{i + 1}/12/2025 10:00", cycle(bands, i), cycle(AGREE5, i)])
    write_csv("e_before_excel.csv", rows)
    excel_band = {"11-15": "Nov-15", "10-12": "12-Oct", "16-19": "16-19"}
    rows = [["Response ID", "Date submitted", "Age group", "I feel listened to"]]
    for i in range(10):
        serial = (dt.date(2025, 12, i + 1) - dt.date(1899, 12, 30)).days + 10 / 24  # Excel's day count
        rows.append([str(101 + i), f"{serial:.5f}", excel_band[cycle(bands, i)], cycle(AGREE5, i)])
    write_csv("e_resaved_in_excel.csv", rows)


def f_paper_returns(rng: random.Random) -> None:
    """Paper returns typed up: no ID, one form typed twice (rows 6 and 7), placeholders for no answer."""
    rows = [["Date", "I am a...", "Age", "I feel listened to", "My views make a difference"]]
    rows[0] += ["What one thing would make the biggest difference?"]
    listened = ["Agree", "-", "Disagree", "n/a", "Strongly agree", "N/A", "—", "Agree", "none", "", "Agree"]
    listened += ["Disagree", "Agree", "Strongly disagree"]
    for i in range(14):
        day = dt.date(2026, 1, 12) + dt.timedelta(days=i // 3)
        comment = cycle(["More notice of meetings", "-", "", "none"], i)  # 4 real comments (i = 0, 4, 8, 12)
        rows.append([f"{day:%d/%m/%Y}", cycle(["Parent carer", "Young person"], i), str(8 + i)])
        rows[-1] += [listened[i], cycle(["Agree", "Disagree"], i), comment]
    rows.insert(6, list(rows[5]))  # the form typed twice
    write_csv("f_paper_returns.csv", rows)


def g_multi_select(rng: random.Random) -> None:
    """Pick-several answers: one cell joined with "; ", and one column per option with the option's name."""
    options = ["Short breaks", "Transport", "Help at school", "Someone to talk to"]
    picks = [[0, 1], [2], [0, 2, 3], [], [1]]  # per cycle: Short breaks 2, Transport 2, Help at school 2, talk 1
    rows = [["Response ID", "Date submitted", "I am a...", "What support would help? (tick all that apply)"]]
    rows[0] += ["I feel listened to"]
    for i in range(10):
        rows.append([f"M{i + 1}", f"{dt.date(2025, 7, 1) + dt.timedelta(days=i):%d/%m/%Y}", "Parent carer"])
        rows[-1] += ["; ".join(options[p] for p in cycle(picks, i)), "Agree"]
    write_csv("g_multi_select_one_cell.csv", rows)
    rows = [["Response ID", "Date submitted", "I am a..."]]
    rows[0] += [f"What support would help? (tick all that apply) - {option}" for option in options]
    for i in range(10):
        rows.append([f"N{i + 1}", f"{dt.date(2025, 8, 1) + dt.timedelta(days=i):%d/%m/%Y}", "Young person"])
        rows[-1] += [option if k in cycle(picks, i) else "" for k, option in enumerate(options)]
    write_csv("g_multi_select_columns.csv", rows)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    rng = random.Random(11)
    for write in [a_wave_across_march, b_one_group, c_other_scales, d_wordings, e_excel_damage, f_paper_returns]:
        write(rng)
    g_multi_select(rng)


if __name__ == "__main__":
    main()
