"""Keep the workstreams each response evidences (migration 067) up to date as survey responses are loaded."""

import duckdb


def record_load(con: duckdb.DuckDBPyConnection, upload_id: int) -> None:
    """Store which workstreams each response of a load evidences, in the load's own transaction."""
    # New codes first (a mapping file may tag a question with one), then the load's responses.
    con.execute("insert into workstream_bits select * from new_workstream_bits()")
    con.execute(
        "insert into response_workstreams select * from response_workstream_bits($upload_id)", {"upload_id": upload_id}
    )
