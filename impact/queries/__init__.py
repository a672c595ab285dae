"""All dashboard SQL: one module per page, one named function per number or chart.

Filters arrive as bound parameters, never as SQL text. Nothing here imports Streamlit, so tests call these
functions directly on a DuckDB connection; impact/views/ui.py adds the caching.
"""
