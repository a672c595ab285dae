"""In a real browser: filters set on Impact are in the address, a copied link reproduces them in a new tab, and they
follow the reader to Reach, the Action plan and Quality."""

import re

from playwright.sync_api import expect

from tests.test_reach_browser import wait_until_idle

B3 = "B3 Participation and co-production: parents and carers"
B4 = "B4 Participation and co-production: children and young people"


def choose(tab, where, label: str, typed: str) -> None:
    """Pick an option in the multiselect labelled `label` by typing it, as a reader would."""
    where.get_by_test_id("stMultiSelect").filter(has_text=label).locator("input").click()
    tab.keyboard.type(typed)
    tab.keyboard.press("Enter")
    tab.keyboard.press("Escape")
    wait_until_idle(tab)


def go_to(tab, name: str) -> None:
    tab.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    wait_until_idle(tab)


def workstream_box(tab):
    return tab.get_by_test_id("stMultiSelect").filter(has_text="Workstream")


def test_filters_set_on_impact_follow_a_shared_link_to_every_page(dashboard, page, browser):
    page.goto(f"{dashboard}/impact")
    wait_until_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    choose(page, sidebar, "Workstream", "B3")
    choose(page, sidebar, "Workstream", "B4")
    choose(page, sidebar, "Respondent type", "Young person")
    expect(page.get_by_text(f"Workstreams {B3}, {B4}").first).to_be_visible(timeout=30_000)
    link = page.url
    assert re.search(r"[?&]workstream=B3&workstream=B4", link), link
    assert "who=young-person" in link, link

    # The link, opened in a new tab with no session of its own, reproduces the view.
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        tab = context.new_page()
        tab.goto(link)
        wait_until_idle(tab)
        shown = f"Workstreams {B3}, {B4} · Respondent type: Young person"
        expect(tab.get_by_text(shown).first).to_be_visible(timeout=30_000)

        go_to(tab, "Reach")
        expect(tab.get_by_text(shown).first).to_be_visible(timeout=30_000)
        assert re.search(r"[?&]workstream=B3&workstream=B4", tab.url) and "who=young-person" in tab.url, tab.url

        for name in ("Action plan", "Quality"):
            go_to(tab, name)
            expect(workstream_box(tab).first).to_contain_text(B3, timeout=30_000)
            expect(workstream_box(tab).first).to_contain_text(B4)
            assert re.search(r"[?&]workstream=B3&workstream=B4", tab.url), (name, tab.url)
            assert "who=young-person" in tab.url, (name, tab.url)  # kept for the pages that use it
    finally:
        context.close()
