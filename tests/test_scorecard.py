"""The scorecard's rules (quarters, RAG in words) and an officer adding commentary to a red measure on the page."""

import pytest

from impact.domain import scorecard as rules
from tests.test_app_pages import open_page


def test_a_quarter_is_read_in_the_apps_form_and_the_command_lines():
    assert rules.quarter_label("2026-27-Q2") == rules.quarter_label("2026-27 Q2") == "2026-27 Q2"
    for wrong in ("2026 Q2", "2026-28 Q2", "2026-27 Q5"):
        with pytest.raises(rules.BadQuarter, match="write it like 2026-27 Q2"):
            rules.quarter_label(wrong)


def test_rag_is_judged_against_the_milestone_in_the_measures_direction():
    defined = rules.load_measures()
    higher = next(m for m in defined if m.direction == "up")
    lower = next(m for m in defined if m.direction == "down")
    assert rules.rag(higher, 72, 72) == rules.ON_TRACK
    assert rules.rag(higher, 72 - higher.tolerance, 72) == rules.NEAR
    assert rules.rag(higher, 72 - higher.tolerance - 1, 72) == rules.OFF_TRACK
    assert rules.rag(lower, 90, 100) == rules.ON_TRACK and rules.rag(lower, 100 + lower.tolerance + 1, 100)[0] == "Red"
    assert rules.rag(higher, None, 72) == rules.NOT_RATED  # a hidden actual is never rated


def test_an_officer_adds_commentary_to_a_red_measure_and_the_flag_goes(sample_db_copy, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_copy))
    at = open_page("pages/scorecard.py")
    [flag] = [w.value for w in at.warning if "Red without a commentary" in w.value]
    red = flag.split(": ", 1)[1].split(". Add")[0]
    ids = {m.name: m.id for m in rules.load_measures()}
    at.selectbox(key="edit_measure").set_value(ids[red])
    at.text_area(key="edit_value").input("CAMHS posts filled in March; call jo@example.org for details.")
    at.text_input(key="edit_role").input("Participation Officer")
    at.button[-1].click().run()
    assert not at.exception
    assert not any("Red without a commentary" in w.value for w in at.warning)
    table = next(d.value for d in at.dataframe if "Commentary" in d.value.columns)
    [written] = table.loc[table["Measure"] == red, "Commentary"].tolist()
    assert written.startswith("CAMHS posts filled in March") and "@" not in written  # redacted like free text
