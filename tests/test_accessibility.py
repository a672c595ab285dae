"""WCAG 2.2 AA in a real browser (docs/accessibility.md): axe-core finds no serious or critical problem of the app's
own on any page, at desktop and phone widths, with sample data and with an empty database; charts are named and
their text readable; the keyboard alone works the filters and the whole upload flow. Screenshots of every page at
both widths are saved under test-artifacts/ for a person to look at."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser import ROOT, running_dashboard, wait_for_app
from tests.conftest import DATA

ARTIFACTS = ROOT / "test-artifacts" / "accessibility"
PAGES = {"": "Home", "impact": "Impact", "reach": "Reach", "action_plan": "Action plan", "quality": "Quality",
         "scorecard": "Scorecard", "upload": "Upload", "admin": "Admin", "glossary": "Glossary"}  # fmt: skip
# Pages with no chart: what a phone's width changes is charts and tiles, so these are checked at desktop width only.
CHARTLESS = {"upload", "admin", "glossary"}
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Streamlit's own markup that fails a rule and that the app cannot change: the rule, and the element it is inside.
# Each is explained, with its upstream issue and our workaround, in docs/accessibility.md ("Limits from Streamlit").
STREAMLIT_OWN = {
    "list": '[data-testid="stSidebarNav"]',  # the sidebar navigation puts each section's div directly in its ul
    "listitem": '[data-testid="stSidebarNav"]',  # so each page's li sits in a div, not in the ul
}
AXE = Axe()  # axe-core 4.12 is bundled in the package and injected from disk: no network needed


def serious_problems(page, contrast: bool = True) -> list[str]:
    """Return every serious or critical WCAG A/AA violation axe finds, except Streamlit's own listed above."""
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    if not contrast:  # the slowest rule; colours do not change with the window's width
        options["rules"] = {"color-contrast": {"enabled": False}}
    results = AXE.run(page, options=options)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            if not streamlits_own(page, violation["id"], node["target"][0]):
                found.append(f"{violation['id']} at {node['target']}: {node.get('failureSummary', '')[:300]}")
    return found


def streamlits_own(page, rule: str, target: str) -> bool:
    """Return whether a violation of `rule` is in markup Streamlit draws and the app cannot change."""
    container = STREAMLIT_OWN.get(rule)
    script = "([target, box]) => !!document.querySelector(target)?.closest(box)"
    return container is not None and page.evaluate(script, [target, container])


def heading_levels(page) -> list[int]:
    """Return the levels of the main area's headings, in order."""
    script = "els => els.map(e => Number(e.tagName[1]))"
    return page.eval_on_selector_all('[data-testid="stMain"] :is(h1, h2, h3, h4, h5, h6)', script)


def small_chart_text(page) -> list[str]:
    """Return chart text drawn smaller than 12 px (labels plotly hides for lack of room are not drawn at all)."""
    script = """els => els.filter(t => t.getBBox().width > 0 && getComputedStyle(t).display !== 'none'
                                      && parseFloat(getComputedStyle(t).fontSize) < 12)
                     .map(t => t.textContent + ' ' + getComputedStyle(t).fontSize)"""
    return page.eval_on_selector_all('[data-testid="stPlotlyChart"] svg text', script)


def screenshot(page, name: str) -> None:
    """Save the whole page: Streamlit scrolls its main area, so the window is made as tall as the content first."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 800")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 12_000)})
    page.wait_for_timeout(300)
    page.screenshot(path=ARTIFACTS / f"{name}-{size['width']}.png")
    page.set_viewport_size(size)


def open_page(page, url: str, path: str) -> None:
    """Open a page at desktop width and wait until it is drawn; its tab title names it."""
    page.set_viewport_size(DESKTOP)
    page.goto(f"{url}/{path}")
    wait_for_first_run(page)
    expect(page).to_have_title(f"{PAGES[path]} · SEND Impact Monitor")


def wait_for_first_run(page) -> None:
    """Wait until a page just opened has finished its script run and drawn every element.

    Streamlit marks its root with the run's state, which is "initial" until the first run starts, so after opening a
    page this needs no fixed wait for a run to begin (wait_for_app does, for reruns after a click)."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=60_000)


def cut_labels(page) -> list[str]:
    """Return tile labels cut short with "..." (wider than their box)."""
    script = """els => els.filter(e => [e, ...e.querySelectorAll('*')].some(x => x.scrollWidth > x.clientWidth + 1))
                     .map(e => e.innerText)"""
    return page.get_by_test_id("stMetricLabel").evaluate_all(script)


def check_at_both_widths(page, path: str, name: str) -> None:
    """Check the open page at desktop width, then (if it has charts) narrow the window to a phone's and check again."""
    for width in (DESKTOP,) if path in CHARTLESS else (DESKTOP, PHONE):
        if width != page.viewport_size:  # open_page opened it at desktop width
            page.set_viewport_size(width)
            page.wait_for_timeout(800)  # plotly redraws to the new width
        assert serious_problems(page, contrast=width == DESKTOP) == [], (path, width)
        assert small_chart_text(page) == [], (path, width)
        assert cut_labels(page) == [], (path, width)
        screenshot(page, name)


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_passes_axe_at_desktop_and_phone_widths_with_sample_data(dashboard, page, path):
    open_page(page, dashboard, path)
    if path in CHARTLESS:  # checked at one width only because it has no chart: say so if one is added
        assert page.get_by_test_id("stPlotlyChart").count() == 0, f"{path} now has charts: remove it from CHARTLESS"
    check_at_both_widths(page, path, f"sample-{path or 'home'}")
    levels = heading_levels(page)
    assert levels[:1] == [1] and levels.count(1) == 1, levels  # one h1, the page's title
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels  # no level skipped
    for chart in page.get_by_test_id("stPlotlyChart").all():
        expect(chart).to_have_attribute("role", "figure")
        expect(chart).to_have_attribute("aria-label", re.compile(r"^Chart\b.{10,}"))
    assert page.locator(".modebar-btn").count() == 0  # no plotly toolbar: no eight extra tab stops a chart


def test_every_page_passes_axe_with_an_empty_database(browser, empty_db_path):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    try:
        with running_dashboard(empty_db_path) as url:
            for path in PAGES:  # at desktop width only: an empty page is a sentence or two
                open_page(tab, url, path)
                assert serious_problems(tab) == [], path
                screenshot(tab, f"empty-{path or 'home'}")
    finally:
        context.close()


def focused_has_visible_outline(page) -> bool:
    """Return whether the focused element shows a focus indicator at least 2 px wide (outline or focus ring)."""
    script = """() => { const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; }"""
    return page.evaluate(script)


def tab_to(page, target, limit: int = 60) -> None:
    """Press Tab until `target` (or something inside it) has focus, checking each stop shows where focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert focused_has_visible_outline(page), page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
        if target.evaluate("el => el === document.activeElement || el.contains(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {target}")


def test_the_keyboard_alone_works_the_filters(dashboard, page):
    page.goto(f"{dashboard}/impact")
    wait_for_app(page)
    page.locator("body").focus()
    tab_to(page, page.get_by_test_id("stMultiSelect").filter(has_text="Age band"))
    page.keyboard.type("12-16")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"age=12-16"))
    tab_to(page, page.get_by_role("button", name="Clear filters"))
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page).not_to_have_url(re.compile(r"age="))


def test_the_keyboard_alone_uploads_and_loads_a_survey(dashboard, page):
    page.goto(f"{dashboard}/upload")
    wait_for_app(page)
    page.locator("body").focus()
    browse = page.get_by_test_id("stFileUploaderDropzone").locator("button")
    tab_to(page, browse)
    # Enter on "Browse files" opens the operating system's file dialog (Chromium's file system access picker,
    # which Playwright cannot drive); the file is handed over as that dialog would, and focus returns to the button.
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(DATA / "surveymonkey_big_bang.csv"))
    browse.first.focus()  # the dropzone now holds the chosen file, with its own buttons
    expect(page.get_by_text("5 new responses ready to load")).to_be_visible(timeout=60_000)
    tab_to(page, page.get_by_role("button", name="Load 5 responses"))
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"Loaded 5 responses from surveymonkey_big_bang\.csv"))).to_be_visible(
        timeout=30_000
    )
    remove_latest_load(page)


def remove_latest_load(page) -> None:
    """Put the shared sample database back as it was (with the mouse: this is not part of the walk)."""
    wait_for_app(page)  # the page reruns after a load; an option clicked during the rerun is redrawn under the mouse
    page.get_by_test_id("stSelectbox").filter(has_text="Remove a survey load").click()
    page.get_by_role("option", name=re.compile("surveymonkey_big_bang.csv")).click()
    page.get_by_text(re.compile(r"^Yes, remove load")).click()
    wait_for_app(page)
    page.get_by_role("button", name="Remove this load").click()
    expect(page.get_by_text(re.compile(r"Removed load \d+"))).to_be_visible(timeout=30_000)
