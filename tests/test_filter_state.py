"""The shared filter state's address: one set of names and codes on every page, read back exactly, and a sentence for
every value it cannot use."""

from impact.queries.filters import SharedState, clip_range, decode, encode, group_code, period_code, quarter_label

OPTIONS = {
    "surveys": ["big_bang", "involvement"],
    "respondent_types": ["Parent carer", "Young person", "Prefer not to say"],
    "age_bands": ["5-11", "12-16", "11-15"],
    "primary_needs": ["Autism", "SEMH"],
    "support_levels": ["EHC plan", "SEN Support"],
    "localities": ["North", "Out of area"],
    "reporting_quarters": ["2026-27 Q1", "2026-27 Q2"],
}


def test_codes_are_short_and_the_same_everywhere():
    assert group_code("Young person") == "young-person"
    assert group_code("Prefer not to say") == "prefer-not-to-say"
    assert group_code("12-16") == "12-16"
    assert period_code("2026-27 Q2") == "2026-27-Q2"
    assert quarter_label("2026-27-Q2") == quarter_label("2026-27 Q2") == "2026-27 Q2"
    assert quarter_label("2026-28-Q2") is None and quarter_label("2026-27-Q5") is None


def test_a_state_survives_the_address_exactly():
    state = (
        SharedState(
            workstreams=("B3", "B4"), granularity="quarter", first="2025-26 Q1", last="2026-27 Q2", quarter="2026-27 Q1"
        )
        .with_group("respondent_types", ["Young person"])
        .with_group("localities", ["Out of area"])
    )
    address = encode(state)
    assert address == {
        "workstream": ["B3", "B4"],
        "by": ["quarter"],
        "from": ["2025-26-Q1"],
        "to": ["2026-27-Q2"],
        "quarter": ["2026-27-Q1"],
        "who": ["young-person"],
        "area": ["out-of-area"],
    }
    assert decode(address, OPTIONS) == (state, [])


def test_years_in_the_address_cover_whole_years():
    state, notices = decode({"from": ["2024-25"], "to": ["2025-26"]}, OPTIONS)
    assert (state.granularity, state.first, state.last, notices) == ("wave", "2024-25 Q1", "2025-26 Q4", [])
    assert encode(state) == {"from": ["2024-25"], "to": ["2025-26"]}
    assert clip_range(state, ["2023-24", "2024-25", "2025-26", "2026-27"], "wave") == ("2024-25", "2025-26")
    quarters = ["2024-25 Q3", "2024-25 Q4", "2026-27 Q1"]
    assert clip_range(state, quarters, "quarter") == ("2024-25 Q3", "2024-25 Q4")


def test_values_it_cannot_use_are_named_and_the_rest_applied():
    state, notices = decode(
        {
            "workstream": ["b4,Z9"],
            "who": ["young-person", "Martian"],
            "quarter": ["2019-20-Q1"],
            "to": ["next year"],
            "by": ["month"],
        },
        OPTIONS,
    )
    assert state.workstreams == ("B4",) and state.group("respondent_types") == ("Young person",)
    assert state.quarter is None and state.last is None and state.granularity == "wave"
    named = " ".join(notices)
    for value in ("Z9", "Martian", "2019-20-Q1", "next year", "month"):
        assert f"“{value}”" in named
    assert len(notices) == 5


def test_a_link_with_a_quarter_it_cannot_use_says_so_and_the_rest_follows_the_reader(sample_db_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_path))
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.query_params.update({"quarter": "1999-00-Q1", "workstream": "B4"})
    at.run()
    assert not at.exception, at.exception
    assert any("“1999-00-Q1”" in w.value for w in at.warning)  # Home names it, and shows the latest quarter
    latest = at.selectbox(key="quarter").value
    at.switch_page("pages/action_plan.py").run()
    assert not at.exception, at.exception
    assert at.multiselect(key="workstream").value == ["B4"]
    assert at.selectbox(key="quarter").value == latest
    assert not any("1999-00-Q1" in w.value for w in at.warning)  # said once, not on every page
