"""The charts that had no takeaway or numbers table now have both, computed from the chart's own frame; every
chart gets the dashboard's template (dark text, outlined bars) without naming it."""

import pandas as pd

from impact import config
from impact.views import chart_summaries
from impact.views.charts import actions, home
from impact.views.charts.palette import INK


def responses() -> pd.DataFrame:
    rows = [("2024-25 Q1", "big_bang", 120), ("2024-25 Q1", "local_offer", 3), ("2024-25 Q2", "local_offer", 40),
            ("2024-25 Q2", "big_bang", 2)]  # fmt: skip
    return pd.DataFrame(rows, columns=["quarter", "survey", "responses"])


def test_the_responses_table_hides_what_the_chart_hides():
    table = chart_summaries.responses_table(responses())
    figure = home.responses_by_quarter_chart(responses())
    shown_in_chart = {t for trace in figure.data for t in trace.text}
    shown_in_table = set(table.drop(columns="Quarter").to_numpy().ravel()) - {"0"}
    assert shown_in_table == shown_in_chart
    assert config.SUPPRESSED in shown_in_table and "3" not in shown_in_table and "2" not in shown_in_table


def test_the_responses_takeaway_uses_only_shown_counts():
    sentence = chart_summaries.responses_takeaway(responses(), "2024-25 Q2")
    assert "2024-25 Q2" in sentence and f": {config.SUPPRESSED}" in sentence and ": 2" not in sentence


def test_the_rating_table_and_takeaway_count_every_action_once():
    frame = pd.DataFrame(
        [("A1", "Red", 2), ("A1", "Green", 3), ("B4", "Amber", 4), ("B4", "Complete", 1)],
        columns=["workstream", "rag", "actions"],
    )
    table = chart_summaries.rating_table(frame)
    assert table["Total"].tolist() == [5, 5]
    assert table.columns[0] == "Workstream" and table["Workstream"][0].startswith("A1 ")
    sentence = chart_summaries.rating_takeaway(frame)
    assert sentence.startswith("1 of 2 workstreams") and "B4" in sentence and "(4)" in sentence


def test_the_feedback_takeaway_names_the_quarter_with_most_waiting():
    frame = pd.DataFrame(
        [("2024-25 Q1", "Waiting for a response", 1), ("2024-25 Q2", "Waiting for a response", 3),
         ("2024-25 Q2", "Responded and fed back", 2)],
        columns=["quarter_raised", "status", "themes"],
    )  # fmt: skip
    assert chart_summaries.feedback_quarter_takeaway(frame) == (
        "4 themes are waiting for a response; the most (3) were raised in 2024-25 Q2."
    )
    assert chart_summaries.feedback_quarter_table(frame)["Total"].tolist() == [1, 5]


def test_every_chart_gets_dark_text_and_outlined_bars_without_asking():
    frame = pd.DataFrame([("A1", "Amber", 2)], columns=["workstream", "rag", "actions"])
    template = actions.rag_by_workstream_chart(frame).layout.template
    assert template.layout.font.color == INK and template.layout.xaxis.tickfont.color == INK
    assert template.data.bar[0].marker.line.color == INK and template.data.bar[0].marker.line.width >= 1
    assert template.layout.uniformtext.minsize >= 12


def test_labels_inside_bars_take_the_readable_colour_and_patterns_never_match_them():
    import plotly.graph_objects as go

    from impact.views.charts.theme import readable_labels

    green = go.Bar(x=["a"], y=[3], text=["3"], marker=dict(color="#009E73", pattern=dict(shape="/", fgcolor="black")))
    blue = go.Bar(x=["a"], y=[3], text=["3"], marker=dict(color="#0072B2", pattern=dict(shape=".", fgcolor="white")))
    chosen = go.Bar(x=["a"], y=[3], text=["3"], marker_color="#0072B2", insidetextfont=dict(color="yellow"))
    figure = readable_labels(go.Figure([green, blue, chosen]))
    # White on this green is 3.4:1 and on this blue black is 4.1:1: each label takes the colour above 4.5:1.
    assert [t.insidetextfont.color for t in figure.data] == ["black", "white", "yellow"]
    assert [t.marker.pattern.fgcolor for t in figure.data[:2]] == ["white", "black"]
