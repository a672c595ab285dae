"""Plotly figure builders, one module per page: colour-blind-safe colours, values labelled, never colour alone."""

from impact.views.charts import theme

theme.register()
