"""Queries behind the Upload page: the history of loads and what removing one would take away."""

import duckdb
import pandas as pd

from impact import config

Connection = duckdb.DuckDBPyConnection
INPUT_LABELS = {
    **config.SURVEYS,
    "actions": "Action plan",
    "action_updates": "Action updates",
    "activities": "Participation activities",
    "baseline": "Population baseline",
    "audit": "Participation audit",
    "feedback_loop": "You said, we did",
    "dfe_caseload": "DfE EHC plans",
}


def upload_history(con: Connection) -> pd.DataFrame:
    """Return every current load, newest first: file, input, tool, rows loaded and left out, when and by whom."""
    frame = con.execute(
        """select upload_id as "Load", file_name as "File", kind, loaded_at as "When", loaded_by as "By",
            coalesce(tool, '') as "Tool", rows_in_file as "Rows", rows_loaded as "Loaded",
            rows_skipped as "Loaded before", coalesce(rows_rejected, 0) + coalesce(rows_flagged, 0) as "Left out",
            case when replaced_by is not null then 'replaced by load ' || replaced_by else '' end as "Replaced"
        from uploads order by loaded_at desc, upload_id desc"""
    ).df()
    frame.insert(2, "Survey or input", frame.pop("kind").map(lambda k: INPUT_LABELS.get(k, k)))
    return frame


def removed_loads(con: Connection) -> pd.DataFrame:
    """Return loads that were removed, newest removal first, with who removed them."""
    frame = con.execute(
        """select upload_id as "Load", file_name as "File", kind, rows_removed as "Responses removed",
            loaded_at as "Loaded", loaded_by as "Loaded by", removed_at as "Removed", removed_by as "Removed by"
        from removed_uploads order by removed_at desc"""
    ).df()
    frame.insert(2, "Survey or input", frame.pop("kind").map(lambda k: INPUT_LABELS.get(k, k)))
    return frame


def removable_loads(con: Connection) -> pd.DataFrame:
    """Return survey loads that can be removed: how many responses and answers each would take away, and how
    many of its responses it keeps because another load also contains them."""
    return con.execute(
        """with elsewhere as (
            select distinct mine.upload_id, mine.response_id from upload_responses mine
            join upload_responses other on other.response_id = mine.response_id and other.upload_id <> mine.upload_id
            join uploads o on o.upload_id = other.upload_id)
        select u.upload_id, u.file_name, u.kind, u.loaded_at, u.loaded_by,
            (select count(*) from responses r where r.upload_id = u.upload_id
                and r.response_id not in (select response_id from elsewhere e where e.upload_id = u.upload_id))
                as responses,
            (select count(*) from answers a join responses r using (response_id) where r.upload_id = u.upload_id
                and r.response_id not in (select response_id from elsewhere e where e.upload_id = u.upload_id))
                as answers,
            (select count(*) from elsewhere e join responses r using (response_id) where e.upload_id = u.upload_id)
                as kept
        from uploads u where u.kind in (select unnest(?::varchar[]))
        order by u.loaded_at desc, u.upload_id desc""",
        [list(config.SURVEYS)],
    ).df()
