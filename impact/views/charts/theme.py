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
    # Streamlit makes its own template plotly's default when its plotly module is first imported; import it first
    # so that ours wins whatever order modules are imported in.
    import streamlit.elements.plotly_chart  # noqa: F401

    pio.templates[NAME] = template()
    pio.templates.default = f"plotly_white+{NAME}"


def _luminance(hex_colour: str) -> float:
    """Return a colour's WCAG relative luminance."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def label_colour(fill: str) -> str | None:
    """Return black or white, whichever has the higher contrast on a #RRGGBB fill (None for other notations)."""
    if not (isinstance(fill, str) and len(fill) == 7 and fill.startswith("#")):
        return None
    on_black = (_luminance(fill) + 0.05) / 0.05
    on_white = 1.05 / (_luminance(fill) + 0.05)
    return "black" if on_black >= on_white else "white"


def readable_labels(figure):
    """Give each bar's inside label the better of black and white for its fill, and draw its pattern in the other.

    Plotly picks white on any fill it thinks dark, which gave 3.4:1 on green and 3.9:1 on red; a white pattern under
    a white label lowered it further. A colour a chart sets itself is kept.
    """
    for trace in figure.data:
        if trace.type != "bar" or trace.text is None or trace.textfont.color or trace.insidetextfont.color:
            continue
        fills = trace.marker.color
        colours = [label_colour(fills)] if isinstance(fills, str) else [label_colour(f) for f in (fills or [])]
        if not colours or None in colours:
            continue
        trace.insidetextfont.color = colours[0] if isinstance(fills, str) else colours
        if trace.marker.pattern.shape and isinstance(fills, str):
            trace.marker.pattern.fgcolor = "white" if colours[0] == "black" else "black"
    return figure
