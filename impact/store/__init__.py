"""The store: the DuckDB file, its migrations, the audit log, saved settings and the one-writer transaction."""
