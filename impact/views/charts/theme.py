"""The one plotly template every chart is drawn with: dark text at 12 px or more, outlined bars, Okabe-Ito colours.

Registered as plotly's default when the charts package is imported, so each figure builder gets it without
naming it (plotly express applies the default template when a figure is made).
"""

import plotly.graph_objects as go
import plotly.io as pio

from impact.views.charts.palette import INK, OKABE_ITO

NAME = "send_impact"
MIN_TEXT_PX = 12  # WCAG has no minimum size, but below 12 px chart text is hard to read, and plotly shrinks to fit
GRID = "#D9D9D9"


def _axis() -> dict:
    """Return axis styling: ink-coloured ticks and titles, light grid, a visible axis line."""
    return dict(
        tickfont=dict(color=INK, size=13),
        title=dict(font=dict(color=INK, size=14)),
        gridcolor=GRID,
        linecolor=INK,
        zerolinecolor=GRID,
        automargin=True,
    )


def template() -> go.layout.Template:
    """Return the dashboard's plotly template."""
    layout = dict(
        font=dict(color=INK, size=14),
        title=dict(font=dict(color=INK, size=16)),
        colorway=OKABE_ITO,
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=_axis(),
        yaxis=_axis(),
        legend=dict(font=dict(color=INK, size=13)),
        hoverlabel=dict(font=dict(size=14)),
        # Plotly shrinks a label that does not fit its bar (to about 5 px on a phone); hide it instead, the
        # "show the numbers" table under every chart carries every value.
        uniformtext=dict(minsize=MIN_TEXT_PX, mode="hide"),
        annotationdefaults=dict(font=dict(color=INK, size=13)),
    )
    # Every bar is outlined in ink, so a light fill (amber, grey) still has a 3:1 edge against white.
    bar = go.Bar(marker=dict(line=dict(color=INK, width=1)), outsidetextfont=dict(color=INK))
    # Heatmap cell labels default to 11 px.
    heatmap = go.Heatmap(textfont=dict(size=MIN_TEXT_PX))
    return go.layout.Template(layout=layout, data=dict(bar=[bar], heatmap=[heatmap]))


def register() -> None:
    """Make the dashboard's template plotly's default, on top of plotly's white template."""
    pio.templates[NAME] = template()
    pio.templates.default = f"plotly_white+{NAME}"
