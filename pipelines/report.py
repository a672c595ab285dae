"""The plain-English report on a prepared survey file, the same on the Upload page and the command line."""

import re

import pandas as pd

from impact import config
from pipelines.mapping import simplify
from pipelines.scales import scale_name

PREVIEW_FIELDS = {
    "row_number": "Row",
    "source_response_id": "Response ID",
    "submitted_at": "Date submitted",
    "respondent_type": "Respondent type",
    "age_years": "Age",
    "age_band": "Age band",
    "locality": "Area",
    "primary_need": "Primary need",
    "support_level": "Support level",
    "setting_type": "Setting",
}
# Enough to stop text from a file becoming a link, an image, HTML, a table or emphasis.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$])")


def escape_markdown(text: str) -> str:
    """Return text from a file safe to show through Streamlit's markdown: no links, images or formatting."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def plural(count: int, one: str, many: str | None = None) -> str:
    """Return '1 row' or '3 rows'."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def detected(prepared) -> str:
    """Return what was read: 'Read 24 responses from a SurveyMonkey export ... for the Big Bang survey ...'."""
    review = prepared.review
    if review is None or review.tool is None:
        return f"{prepared.file_name} could not be read."
    text = f"Read {plural(review.rows_read, 'row')} from {review.layout}."
    chosen, found = config.SURVEYS[prepared.kind], review.detected_survey
    if found == prepared.kind:
        text += f" Its questions match the {chosen}."
    elif found:
        text += f" Its questions look more like the {config.SURVEYS[found]} than the {chosen}: check the survey chosen."
    else:
        text += f" Its questions do not clearly match any survey; it is being read as the {chosen}."
    return text


def summary(prepared) -> str:
    """Return what will happen on confirming: how many load, how many are left out and why."""
    if prepared.file_problems or prepared.frame is None:
        return "Nothing can be loaded from this file."
    good = prepared.good_frame
    known = good["source_response_id"].isin(prepared.review.known_ids).sum()
    parts = [f"{plural(len(good) - known, 'new response')} ready to load"]
    if known:
        parts.append(f"{plural(known, 'response')} already loaded from an earlier export (will be skipped)")
    if rejected := prepared.rejected_rows:
        parts.append(f"{plural(len(rejected), 'row')} with problems (listed below)")
    flags = prepared.frame["flag"].dropna()
    tests = int(flags.str.startswith("a test").sum())
    if tests:
        parts.append(f"{plural(tests, 'test response')} left out")
    if repeats := len(flags) - tests:
        parts.append(f"{plural(repeats, 'repeated submission')} left out")
    return "; ".join(parts) + "."


def column_table(prepared) -> pd.DataFrame:
    """Return each column in the file and what happens to it, in file order."""
    review, rows = prepared.review, []
    labels = review.mapping.label if review.mapping else str
    for header in [*prepared.matched, *prepared.unmatched]:
        if header in prepared.matched:
            target = prepared.matched[header]
            note = "recognised"
            if header in review.similar:
                note = f"similar wording ({review.similar[header][1]:.0%} alike)"
            elif review.mapping and simplify(header) in review.mapping.saved:
                note = "your saved choice"
            rows.append((header, labels(target), note))
        elif header in review.identifying:
            rows.append((header, "not stored", "identifies a person"))
        elif header in review.metadata:
            rows.append((header, "not stored", "the survey tool's own column"))
        elif header in review.ignored:
            rows.append((header, "not stored", "you chose not to store it"))
        else:
            rows.append((header, "not stored", "not recognised: say what it is below"))
    order = {h: i for i, h in enumerate(review.raw_headers)}
    rows.sort(key=lambda r: order.get(r[0], 0))
    return pd.DataFrame(rows, columns=["Column in the file", "Stored as", "Why"])


def problem_table(prepared) -> pd.DataFrame:
    """Return one line per failed rule: which column, which rule, how many rows, which, and example values."""
    rows = [
        (
            p.column,
            p.rule,
            p.count,
            _rows_text(p.rows),
            ", ".join(p.examples),
        )
        for p in prepared.problems
        if p.rows
    ]
    return pd.DataFrame(rows, columns=["Column", "Problem", "Rows", "Which rows", "Examples"])


def left_out_rows(prepared) -> pd.DataFrame:
    """Return every row that will not load, with why, and its recognised values as the file gave them."""
    if prepared.frame is None:
        return pd.DataFrame(columns=["Row", "Why it is left out"])
    reasons: dict[int, list[str]] = {}
    for problem in prepared.problems:
        for row in problem.rows:
            reasons.setdefault(row, []).append(f"{problem.column}: {problem.rule}")
    flagged = prepared.frame.loc[prepared.frame["flag"].notna(), ["row_number", "flag"]]
    for row, flag in zip(flagged["row_number"], flagged["flag"], strict=True):
        reasons.setdefault(int(row), []).append(flag)
    why = pd.DataFrame({"Row": list(reasons), "Why it is left out": ["; ".join(r) for r in reasons.values()]})
    raw = prepared.review.raw.rename(columns={"row_number": "Row"})
    rows = why.merge(raw, on="Row", how="left").sort_values("Row").reset_index(drop=True)
    values = rows.columns.drop(["Row", "Why it is left out"])
    rows[values] = rows[values].astype(object).where(rows[values].notna(), "")
    return rows


def preview(prepared) -> pd.DataFrame:
    """Return the normalised rows as they will be stored, labelled in the officer's words."""
    frame, mapping = prepared.frame, prepared.review.mapping
    in_file = set(prepared.matched.values()) | {"row_number", "submitted_at", "source_response_id"}
    in_file |= {"age_years", "age_band"} if "age" in in_file else set()
    in_file |= {"respondent_type"} if mapping.respondent_type else set()
    columns = [c for c in [*PREVIEW_FIELDS, *mapping.questions] if c in frame and c in in_file]
    shown = frame[columns].rename(columns={**PREVIEW_FIELDS, **{q: mapping.label(q) for q in mapping.questions}})
    if "Date submitted" in shown:
        shown["Date submitted"] = shown["Date submitted"].dt.strftime("%d %b %Y %H:%M")
    shown = shown.map(lambda v: "" if pd.isna(v) else str(v))
    status = pd.Series("Yes", index=frame.index)
    status[frame["source_response_id"].isin(prepared.review.known_ids)] = "Already loaded"
    status[frame["row_number"].isin(prepared.rejected_rows)] = "No: has a problem"
    status[frame["flag"].notna()] = "No: test or repeat"
    shown.insert(1, "Will load", status)
    return shown.reset_index(drop=True)


def report_lines(prepared) -> list[str]:
    """Return the whole report as lines of text, for the command line."""
    lines = [detected(prepared)]
    lines += wave_lines(prepared.review) if prepared.review else []
    lines += prepared.review.notes if prepared.review else []
    if prepared.file_problems:
        return lines + [p.sentence() for p in prepared.file_problems]
    if prepared.review:
        review = prepared.review
        for title, headers in [
            ("Identifying columns, never stored", review.identifying),
            ("Survey tool columns, not needed", review.metadata),
            ("Columns not recognised, not stored (map them on the Upload page)", review.unknown),
        ]:
            if headers:
                lines.append(f"{title}: {', '.join(headers)}")
    lines += ["Problem: " + p.sentence() for p in prepared.problems]
    lines += [f"Row {row['Row']} left out: {row['Why it is left out']}" for _, row in _left_out(prepared).iterrows()]
    lines.append(summary(prepared))
    return lines


def _left_out(prepared) -> pd.DataFrame:
    return left_out_rows(prepared) if prepared.frame is not None else pd.DataFrame(columns=["Row"])


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:10])
    return shown + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")


def wave_lines(review) -> list[str]:
    """Return what the wave is and how the answers were read: its name and dates, who answered, each scale."""
    lines = []
    if review.wave:
        dates = ""
        if review.first_response is not None:
            dates = f": responses from {review.first_response:%-d %b %Y} to {review.last_response:%-d %b %Y}"
        lines.append(f"Wave: {review.wave}{dates}. Quarters and financial years come from each response's own date.")
    if review.respondent_type:
        lines.append(f"Who answered: {review.respondent_type}, for every response in the file.")
    mapping = review.mapping
    for question_id, scale in review.scales.items():
        if scale and mapping is not None:
            lines.append(f"'{mapping.label(question_id)}' was answered as {scale_name(scale)}.")
    for question_id, answers in review.unrecognised.items():
        shown = ", ".join(f"'{a}'" for a in answers[:8])
        label = mapping.label(question_id) if mapping is not None else question_id
        lines.append(
            f"Answers to '{label}' on no scale it accepts: {shown}. Give each a meaning (positive, "
            "negative, neutral or missing) on the Upload page or in a mapping profile (--profile)."
        )
    return lines


def answer_meanings(prepared, question_id: str) -> pd.DataFrame:
    """Return each answer given to a scale question, what it means, and how many responses gave it."""
    frame = prepared.frame
    if frame is None or question_id not in frame or f"{question_id}__positive" not in frame:
        return pd.DataFrame(columns=["Answer", "Meaning", "Responses"])
    unknown = set(prepared.review.unrecognised.get(question_id, []))
    rows = []
    for (answer, is_positive), group in frame.groupby([question_id, f"{question_id}__positive"], dropna=False):
        if not isinstance(answer, str):
            continue
        if answer in unknown:
            meaning = "not known yet: choose below"
        elif pd.isna(is_positive):
            meaning = "no view (out of the base)"
        else:
            meaning = "positive" if is_positive else "not positive"
        rows.append((answer, meaning, len(group)))
    return pd.DataFrame(rows, columns=["Answer", "Meaning", "Responses"])
