"""Every page renders, with the sample database and with an empty one (Streamlit's AppTest)."""

import pytest
from streamlit.testing.v1 import AppTest

PAGES = [
    "pages/home.py",
    "pages/impact.py",
    "pages/reach.py",
    "pages/action_plan.py",
    "pages/quality.py",
    "pages/upload.py",
    "pages/scorecard.py",
]


def open_page(page: str) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    if page != "pages/home.py":
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_sample_data(page, sample_db_path, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_path))
    at = open_page(page)
    assert not at.exception, at.exception
    assert not any("No data has been loaded yet" in i.value for i in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_what_to_do_on_an_empty_database(page, empty_db_path, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))
    at = open_page(page)
    assert not at.exception, at.exception
    if page != "pages/upload.py":
        assert any("No data has been loaded yet" in i.value for i in at.info)


def test_home_tiles_show_numbers_with_their_base(sample_db_path, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_path))
    at = open_page("pages/home.py")
    labels = [m.label for m in at.metric]
    assert labels[0] == "Responses this quarter" and len(labels) == 4
    listened = at.metric[1]
    assert listened.value.endswith("%")
    assert any("Base: n=" in c.value for c in at.caption)


def test_a_viewer_on_an_empty_database_is_told_who_loads_the_data(empty_db_path, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))
    monkeypatch.setenv("SEND_IMPACT_LOCAL_ROLE", "viewer")
    at = open_page("pages/home.py")
    assert [i.value for i in at.info] == [
        "No data has been loaded yet. A participation officer loads the survey exports; ask them."
    ]
