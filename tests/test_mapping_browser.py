"""The Upload page's mapping step in a real browser (issue 11): map an unknown respondent column and an unknown
answer scale, save the mapping, and the next export of the same layout loads with no questions."""

import re

from playwright.sync_api import expect

from tests.test_upload_browser import wait_for_streamlit

HEADER = "Response ID,Date submitted,Role,I feel listened to,What one thing would make the biggest difference?\n"
SCALE = ["Totally", "Sort of", "Not really"]


def export(tmp_path, name: str, first_id: int, day: int):
    """Write an export with a 'Role' column and answers on a scale no mapping knows (6 responses)."""
    lines = [
        f"R{first_id + i},{day + i:02d}/10/2025,{['Parent carer', 'Young person'][i % 2]},{SCALE[i % 3]},More notice"
        for i in range(6)
    ]
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(lines) + "\n")
    return str(path)


def choose(page, label: str, typed: str) -> None:
    """Pick the option starting with `typed` in the selectbox with this label; wait until it shows and has rerun."""
    wanted = re.compile("^" + re.escape(typed))
    box = page.get_by_test_id("stSelectbox").filter(has_text=label)
    for attempt in range(3):  # a rerun that redraws the box while it is open closes it, and the typing is lost
        wait_for_streamlit(page)
        box.get_by_role("combobox").click()
        page.keyboard.type(typed)
        page.keyboard.press("Enter")
        try:
            expect(box.get_by_role("combobox")).to_have_value(wanted, timeout=10_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    wait_for_streamlit(page)


def test_map_once_save_and_the_next_export_loads_with_no_questions(dashboard, page, tmp_path):
    page.goto(dashboard)
    page.get_by_role("link", name="Upload").click()
    wait_for_streamlit(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(export(tmp_path, "forum_oct.csv", 1, 1))
    # The first check imports Great Expectations in the app: slow on a busy machine.
    expect(page.get_by_text("Columns this survey does not know yet")).to_be_visible(timeout=120_000)
    choose(page, "Role", "Respondent field: Respondent type")
    page.get_by_role("button", name="Save these choices").click()
    wait_for_streamlit(page)
    expect(page.get_by_text("What does 'Totally' mean?")).to_be_visible(timeout=30_000)
    for answer, meaning in [("Totally", "Positive"), ("Sort of", "Neutral"), ("Not really", "Negative")]:
        choose(page, f"What does '{answer}' mean?", meaning)
    expect(page.get_by_text("6 new responses ready to load")).to_be_visible(timeout=30_000)  # recounted at once
    page.get_by_role("button", name="Save mapping for the next export").click()
    expect(page.get_by_text(re.compile("Mapping saved for the Annual SEND involvement survey"))).to_be_visible(
        timeout=30_000
    )
    page.get_by_role("button", name="Load 6 responses").click()
    expect(page.get_by_text(re.compile(r"Loaded 6 responses from forum_oct\.csv"))).to_be_visible(timeout=30_000)

    wait_for_streamlit(page)
    expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_have_count(1, timeout=30_000)  # a fresh uploader
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(export(tmp_path, "forum_nov.csv", 101, 10))
    expect(page.get_by_text("6 new responses ready to load")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Columns this survey does not know yet")).to_have_count(0)
    expect(page.get_by_text("Choose its meaning")).to_have_count(0)  # every answer's meaning is known
    page.get_by_role("button", name="Load 6 responses").click()
    expect(page.get_by_text(re.compile(r"Loaded 6 responses from forum_nov\.csv"))).to_be_visible(timeout=30_000)
