"""Blank templates for the officer's inputs (issue 18), made from the files the pipeline itself reads.

The columns are each field's first wording in pipelines/mappings/<input>.yaml, the example row is that file's
`example:`, and the accepted answers come from expectations/<input>.json (the values its rules accept), so a
template never says something the checks would not: nothing about an input is written twice.
"""

import csv
import io

import pandas as pd
import yaml

from impact import config
from pipelines.mapping import load_mapping
from pipelines.quality_inputs import SOURCE_LABELS, audit_priorities, indicator_labels
from pipelines.scales import accepted_scales, scale_book
from pipelines.tables import DATE_COLUMNS, NUMBER_COLUMNS
from pipelines.validate import load_suite_json

TEMPLATE_KINDS = ["actions", "action_updates", "activities", "audit", "feedback_loop", "baseline", *config.SURVEYS]
# A survey template is for typing up paper returns: its example is a made-up response, each field's first
# accepted answer and each question's most positive one.
SURVEY_EXAMPLE = {"source_response_id": "PAPER-0001", "submitted_at": "15/05/2025", "age": "14"}
# Codes the pipeline stores but the officer writes in words (it reads either): offer the words.
WRITTEN_AS = {
    ("feedback_loop", "source"): lambda: list(SOURCE_LABELS.values()),
    ("feedback_loop", "indicator"): lambda: list(indicator_labels().values()),
    ("audit", "priority"): lambda: [item["text"] for item in audit_priorities().values()],
}
OR_OWN = {("audit", "priority"): "; or the service's own priority, with Yes under Own priority"}
# Rules whose accepted values depend on what is loaded.
LOADED = {"known_actions": "an action code from a loaded action plan"}
YES_NO = ["Yes", "No"]
OPTIONAL_YES_NO = {"own_priority", "easy_read", "accessible_venue", "accessible_time", "fed_back"}


def columns(kind: str) -> dict[str, str]:
    """Return {field or question: the column heading the template uses}: the first wording in the input's mapping,
    and a survey's question texts."""
    mapping = load_mapping(kind)
    headings = {name: wordings[0] for name, wordings in mapping.fields.items()}
    return headings | {question_id: question["text"] for question_id, question in mapping.questions.items()}


def example_row(kind: str) -> dict[str, str]:
    """Return the template's example row, {field: value as typed}, from the mapping file's `example:` (for a
    survey: made up from its accepted answers)."""
    if kind in config.SURVEYS:
        return _survey_example(kind)
    data = yaml.safe_load((config.MAPPINGS_DIR / f"{kind}.yaml").read_text())
    return {name: str(data.get("example", {}).get(name, "") or "") for name in columns(kind)}


def _survey_example(kind: str) -> dict[str, str]:
    accepted, questions = _accepted_values(kind), load_mapping(kind).questions
    row = {}
    for name in columns(kind):
        if name in questions:
            labels = _scale_labels(questions[name])
            row[name] = labels[-1] if labels else ""
        else:
            row[name] = SURVEY_EXAMPLE.get(name) or (accepted.get(name) or [""])[0]
    return row


def _accepted_values(kind: str) -> dict[str, list[str]]:
    return {
        e["kwargs"]["column"]: list(e["kwargs"]["value_set"])
        for e in load_suite_json(kind)["expectations"]
        if e["type"] == "expect_column_values_to_be_in_set" and isinstance(e["kwargs"]["value_set"], list)
    }


def _scale_labels(question: dict) -> list[str]:
    """Return the answers of the first scale the question accepts (scales.yaml), lowest first; none for free text."""
    accepted = list(accepted_scales(question))
    labels = scale_book()["scales"][accepted[0]]["labels"] if accepted else {}
    return [str(labels[score]) for score in sorted(labels)]


def accepted_answers(kind: str) -> pd.DataFrame:
    """Return one row per column: its heading, whether it is required, and what to write in it."""
    mapping, headings = load_mapping(kind), columns(kind)
    rules = _accepted_by_rule(kind)
    rows = []
    for name, heading in headings.items():
        if (kind, name) in WRITTEN_AS:
            what = "One of: " + "; ".join(WRITTEN_AS[(kind, name)]()) + OR_OWN.get((kind, name), "")
        elif name in rules:
            what = rules[name]
        elif name in mapping.questions and _scale_labels(mapping.questions[name]):
            what = "One of: " + "; ".join(_scale_labels(mapping.questions[name])) + " (or blank)"
        elif name == "submitted_at":
            what = "The date the form was filled in, written dd/mm/yyyy"
        elif name == "age":
            what = "Age in years"
        elif name in DATE_COLUMNS.get(kind, []):
            what = "A date, written dd/mm/yyyy"
        elif name in NUMBER_COLUMNS.get(kind, []):
            what = "A whole number"
        else:
            what = "Text, like the example"
        if name in OPTIONAL_YES_NO and name not in mapping.required:
            what += " (leave blank if not recorded)"
        rows.append({"Column": heading, "Required": "Yes" if name in mapping.required else "No", "What to write": what})
    return pd.DataFrame(rows)


def _accepted_by_rule(kind: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for expectation in load_suite_json(kind)["expectations"]:
        kwargs, meta = expectation["kwargs"], expectation.get("meta", {})
        column = kwargs.get("column")
        if expectation["type"] == "expect_column_values_to_be_in_set":
            values = kwargs["value_set"]
            if isinstance(values, dict):
                found[column] = _sentence(LOADED.get(values.get("$PARAMETER"), "a value from what is loaded"))
            else:
                found[column] = "One of: " + "; ".join(str(v) for v in values)
        elif expectation["type"] == "expect_column_values_to_match_regex" and column not in found:
            # The rule says what is wrong ("not a financial quarter written like 2025-26 Q3"): turn it round.
            rule = meta.get("rule", "")
            found[column] = _sentence(rule.removeprefix("not ")) if rule else "Like the example"
        elif " such as " in meta.get("rule", "") and column not in found:  # "blank or not an audit year such as .."
            found[column] = _sentence(meta["rule"].rsplit("not ", 1)[-1])
        elif expectation["type"] == "expect_column_values_to_be_between" and column not in found:
            low, high = kwargs.get("min_value"), kwargs.get("max_value")
            if isinstance(low, int | float) and isinstance(high, int | float):
                found[column] = f"A whole number from {low:g} to {high:g}"
            elif isinstance(low, int | float):
                found[column] = f"A whole number, {low:g} or more"
    return found


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def template_csv(kind: str) -> bytes:
    """Return the CSV template: the column headings and the example row (UTF-8 with a mark, so Excel reads it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns(kind).values())
    writer.writerow(example_row(kind).values())
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(kind: str) -> bytes:
    """Return the Excel template: a sheet with the headings and example row, and an "Accepted answers" sheet."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = KIND_SHEETS.get(kind, "Template")
    sheet.append(list(columns(kind).values()))
    sheet.append(list(example_row(kind).values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, heading in enumerate(columns(kind).values(), start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(12, len(heading) + 2)
    answers = workbook.create_sheet("Accepted answers")
    table = accepted_answers(kind)
    answers.append(list(table.columns))
    for row in table.itertuples(index=False):
        answers.append(list(row))
    for cell in answers[1]:
        cell.font = Font(bold=True)
    answers.column_dimensions["A"].width, answers.column_dimensions["C"].width = 30, 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


KIND_SHEETS = {
    "actions": "Actions",
    "action_updates": "Action updates",
    "activities": "Activities",
    "audit": "Audit",
    "feedback_loop": "You said we did",
    "baseline": "Baseline",
    **{survey: "Responses" for survey in config.SURVEYS},
}
