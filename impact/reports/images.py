"""Charts as PNG images for the pack: plotly's export through kaleido and Debian's Chromium, or a sentence why not."""

import shutil
import threading
import warnings

import plotly.graph_objects as go

WIDTH, HEIGHT, SCALE = 900, 480, 2
_started = threading.Lock()
_server = {"running": False}
NO_CHROMIUM = "Charts are given as tables only: Chromium, which draws them as images, is not installed on this server."


def chromium_available() -> bool:
    """Return whether a Chromium kaleido can drive is on this machine."""
    return any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome"))


def _ensure_server() -> None:
    # kaleido's persistent server keeps one Chromium open: six charts take about 2 s instead of 2 s each.
    with _started:
        if not _server["running"]:
            import kaleido

            kaleido.start_sync_server(silence_warnings=True)
            _server["running"] = True


def figure_png(figure: go.Figure, width: int = WIDTH, height: int = HEIGHT) -> bytes | None:
    """Return the figure as a PNG (white background, for print), or None when no Chromium can draw it."""
    if figure is None or not chromium_available():
        return None
    printable = go.Figure(figure)
    printable.update_layout(paper_bgcolor="white", plot_bgcolor="white", width=width, height=height)
    try:
        _ensure_server()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # plotly warns that its options are ignored by the persistent server
            return printable.to_image(format="png", width=width, height=height, scale=SCALE)
    except Exception:  # noqa: BLE001 - a chart that fails to draw falls back to its table, as without Chromium
        return None


def draw_charts(sections) -> None:
    """Draw each section's figure once (PDF and Word share the images)."""
    for section in sections:
        if section.image is None and section.figure is not None:
            section.image = figure_png(section.figure)
