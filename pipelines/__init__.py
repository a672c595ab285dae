"""Pipelines: read, map, normalise, validate and load export files into DuckDB."""
