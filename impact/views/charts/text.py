"""Text from the data inside a chart. Plotly reads a little HTML in labels (links, bold, line breaks), so text that
came in a file is escaped first: it is shown as written, never followed as a link."""

import html


def plain_labels(values) -> list[str]:
    """Return each value as text plotly shows literally."""
    return [html.escape(str(value)) for value in values]
