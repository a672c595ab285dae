"""Where the numbers came from: each loaded file, when and by whom, its check result, and the surveys and waves."""

import duckdb
import pandas as pd

from impact import config
from impact.store.load_history import INPUT_LABELS

Connection = duckdb.DuckDBPyConnection


def loaded_files(con: Connection) -> pd.DataFrame:
    """Return every current load, oldest first: input, file, when, who (as recorded), rows and rows left out."""
    frame = con.execute(
        """select kind, file_name, loaded_at, loaded_by, rows_in_file, rows_loaded, rows_skipped,
            coalesce(rows_rejected, 0) as rows_rejected, coalesce(rows_flagged, 0) as rows_flagged
        from uploads order by loaded_at, upload_id"""
    ).df()
    frame["input"] = frame["kind"].map(lambda k: INPUT_LABELS.get(k, k.replace("_", " ").capitalize()))
    return frame


def survey_waves(con: Connection) -> dict[str, list[str]]:
    """Return each survey's name and the waves (financial years) loaded for it."""
    rows = con.execute("select survey, wave from response_cells group by all order by survey, wave").fetchall()
    waves: dict[str, list[str]] = {}
    for survey, wave in rows:
        waves.setdefault(config.SURVEYS.get(survey, survey), []).append(wave)
    return waves


def latest_load(con: Connection):
    """Return when the latest file was loaded (None when nothing is)."""
    return con.execute("select max(loaded_at) from uploads").fetchone()[0]


def provenance_sentence(con: Connection) -> str:
    """Return one sentence naming the surveys and waves loaded and the latest load date."""
    # survey_waves and latest_load in one statement
    latest, pairs = con.execute(
        "select (select max(loaded_at) from uploads), (select list([survey, wave] order by survey, wave) "
        "from (select survey, wave from response_cells group by all))"
    ).fetchone()
    waves: dict[str, list[str]] = {}
    for survey, wave in pairs or []:
        waves.setdefault(config.SURVEYS.get(survey, survey), []).append(wave)
    if latest is None:
        return "Nothing has been loaded yet."
    surveys = "; ".join(f"{name} {', '.join(years)}" for name, years in waves.items())
    return f"From: {surveys or 'no survey yet'}. Latest load {latest:%d %B %Y}."


def inputs_sentence(con: Connection, kinds: tuple[str, ...]) -> str:
    """Return one sentence naming the non-survey inputs behind a page (e.g. the action plan) and their latest load."""
    rows = con.execute(
        "select kind, max(loaded_at) from uploads where kind in (select unnest(?::varchar[])) group by kind order by 2",
        [list(kinds)],
    ).fetchall()
    if not rows:
        return "Nothing behind these numbers has been loaded yet."
    names = ", ".join(INPUT_LABELS.get(kind, kind.replace("_", " ").capitalize()) for kind, _ in rows)
    return f"From: {names}. Latest load {max(when for _, when in rows):%d %B %Y}."
