"""Which input a file is, told from its columns (issue 18): a survey by its questions, the DfE's caseload.csv by the
publisher's own columns, any other input by how many of its required columns the file has (its mapping's wordings).
"""

import pandas as pd

from pipelines import dfe_baseline, surveys
from pipelines.ingest import KINDS
from pipelines.mapping import load_mapping, map_columns

INPUTS = {**KINDS, dfe_baseline.KIND: "DfE EHC plans (caseload.csv from Explore Education Statistics)"}
TABLE_INPUTS = [kind for kind in KINDS if kind not in surveys.config.SURVEYS]
# A file is taken for an input when it has at least this share of the input's required columns.
ENOUGH_REQUIRED = 0.75


def input_scores(headers: list[str]) -> dict[str, float]:
    """Return each non-survey input's share of required columns the headers match (1.0: every one)."""
    frame = pd.DataFrame(columns=["row_number", *headers])
    scores = {}
    for kind in TABLE_INPUTS:
        mapping = load_mapping(kind)
        matched = set(map_columns(frame, mapping).matched.values())
        scores[kind] = len(matched & set(mapping.required)) / len(mapping.required)
    return scores


def detect_input(con, content: bytes, file_name: str):
    """Return (export, the input the file looks like or None, why it cannot be read or None)."""
    export, survey, unreadable = surveys.detect(con, content, file_name)
    if unreadable:
        return export, None, unreadable
    headers = [c for c in export.frame.columns if c != "row_number"]
    if all(column in headers for column in dfe_baseline.REQUIRED_COLUMNS):
        return export, dfe_baseline.KIND, None
    scores = input_scores(headers)
    best = max(scores, key=lambda kind: (scores[kind], -TABLE_INPUTS.index(kind)))
    if scores[best] >= ENOUGH_REQUIRED and (survey is None or scores[best] == 1.0):
        return export, best, None
    return export, survey, None
