"""In a real browser: a filter changes the charts, stays in the address bar, and follows the user to Impact."""

import re

from playwright.sync_api import expect

TAKEAWAY = "young people aged 12-16 responded"


def wait_until_idle(tab) -> None:
    """Wait until Streamlit has finished the rerun."""
    tab.wait_for_timeout(800)
    tab.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)


def bar_labels(tab) -> list[str]:
    return tab.get_by_test_id("stPlotlyChart").first.locator("text.bartext").all_text_contents()


def test_choosing_a_locality_changes_the_reach_charts_and_the_address(dashboard, page):
    page.goto(dashboard)
    wait_until_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Reach").click()
    wait_until_idle(page)
    expect(page.get_by_text(TAKEAWAY).first).to_be_visible(timeout=30_000)
    before_text, before_bars = page.get_by_text(TAKEAWAY).first.inner_text(), bar_labels(page)
    assert before_bars, "the age band chart has labelled bars"

    locality = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Locality")
    locality.locator("input").click()
    page.keyboard.type("North")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_until_idle(page)

    assert re.search(r"[?&]area=north", page.url), page.url  # group codes: lower case, hyphens
    # On a busy machine the rerun may still be drawing: wait for the sentence to change, not a fixed time.
    expect(page.get_by_text(TAKEAWAY).first).not_to_have_text(before_text, timeout=30_000)
    after_text = page.get_by_text(TAKEAWAY).first.inner_text()
    assert after_text != before_text and bar_labels(page) != before_bars
    # The counts for North are smaller than for everyone.
    assert int(after_text.split()[0]) < int(before_text.split()[0])

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Impact").click()
    wait_until_idle(page)
    expect(page.get_by_text("Locality: North")).to_be_visible(timeout=30_000)
