"""Every input loads through the Upload page (issue 18): preview of what changes, load, history, undo; templates
that load with no problems; a bad file of each input loads nothing and says why; a replacement undone exactly."""

import pytest
from streamlit.testing.v1 import AppTest

from impact import config
from impact.store import db
from pipelines import templates
from pipelines.ingest import commit, ingest, prepare
from tests.conftest import DATA

SAMPLES = config.SAMPLES_DIR
# input, sample file, what the preview says, the table its records land in
INPUTS = [
    ("actions", "actions.csv", "42 new actions", "actions"),
    ("action_updates", "action_updates.csv", "431 new updates", "action_updates"),
    ("activities", "activities.csv", "59 new activities", "activity_attendance"),
    ("audit", "participation_audit_2025-26.csv", "122 new ratings", "audit_ratings"),
    ("feedback_loop", "you_said_we_did.csv", "26 new entries", "feedback_entries"),
    ("baseline", "population_baseline.csv", "90 new counts", "population_baseline"),
    ("dfe_caseload", "dfe_caseload.csv", "new counts", "dfe_ehc_plans"),
]
BASELINE_BAD = b"Year,Age band,Locality,Support level,Children and young people\n2025,12-16,Westside,EHC plan,4\n"
BAD = {
    "actions": ("actions_due_before_start.csv", None),
    "action_updates": ("action_updates_bad.csv", None),
    "activities": ("activities_quality_bad.csv", None),
    "audit": ("audit_bad.csv", None),
    "feedback_loop": ("feedback_loop_bad.csv", None),
    "baseline": ("baseline_westside.csv", BASELINE_BAD),
    "dfe_caseload": ("dfe_caseload_bad_value.csv", None),
}
NEEDS_ACTIONS = {"action_updates", "feedback_loop"}


def with_actions(path):
    """Load the sample action plan first: updates and "you said, we did" name its actions."""
    with db.writing(path) as con:
        ingest(con, (SAMPLES / "actions.csv").read_bytes(), "actions.csv", "actions", "test")


def open_upload_page(path, monkeypatch) -> AppTest:
    monkeypatch.setenv("SEND_IMPACT_DB", str(path))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    at.switch_page("pages/upload.py")
    return at.run()


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, content, "text/csv"))
    return at.run()


def button(at: AppTest, starts: str):
    return next(b for b in at.button if b.label.startswith(starts))


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements).replace("\\", "")


def counts(path, table: str) -> int:
    with db.reading(path) as con:
        return con.execute(f"select count(*) from {table}").fetchone()[0]


@pytest.mark.parametrize(("kind", "name", "preview", "table"), INPUTS, ids=[i[0] for i in INPUTS])
def test_each_input_loads_through_the_page_and_is_removed(kind, name, preview, table, empty_db_path, monkeypatch):
    if kind in NEEDS_ACTIONS:
        with_actions(empty_db_path)
    at = open_upload_page(empty_db_path, monkeypatch)
    assert len(at.get("download_button")) == 2 * len(templates.TEMPLATE_KINDS)  # a CSV and an Excel template each
    at = upload(at, name, (SAMPLES / name).read_bytes())
    assert not at.exception, at.exception
    assert at.selectbox[0].value == kind  # told from its columns
    assert preview in texts(at.markdown)
    assert "Every row passed the checks" in texts(at.success)
    button(at, "Load ").click()
    at.run()
    assert f"Loaded {name} as load" in texts(at.success)
    assert counts(empty_db_path, table) > 0
    remove = next(s for s in at.selectbox if s.label == "Remove a load of another input")
    with db.reading(empty_db_path) as con:
        loaded = con.execute("select upload_id from uploads where file_name = ?", [name]).fetchone()[0]
    remove.set_value(loaded)
    at.run()
    assert "puts back every record it changed or removed" in texts(at.warning)
    at.checkbox(key="undo_sure").check()
    at.run()
    at.button(key="undo_load").click()
    at.run()
    assert "Removed load" in texts(at.success)
    assert counts(empty_db_path, table) == 0


@pytest.mark.parametrize("kind", list(BAD))
def test_a_bad_file_of_each_input_loads_nothing_and_says_why(kind, empty_db_path, monkeypatch):
    if kind in NEEDS_ACTIONS:
        with_actions(empty_db_path)
    name, content = BAD[kind]
    at = upload(open_upload_page(empty_db_path, monkeypatch), name, content or (DATA / name).read_bytes())
    if kind == "dfe_caseload":
        at.selectbox(key="upload_dfe_la").set_value("E06000044")  # the area whose row is wrong
        at.run()
    assert not at.exception, at.exception
    assert "broke a rule" in texts(at.warning)
    problems = at.dataframe[1].value
    assert not problems.empty and problems["Which rows"].str.len().min() > 0
    if kind == "dfe_caseload":  # the publisher's file loads whole or not at all
        assert "Nothing from this file can be loaded" in texts(at.error)
        assert not [b for b in at.button if b.label.startswith("Load ")]
    else:
        assert button(at, "Load ").disabled  # not until the officer chooses
        at.radio[0].set_value("nothing")
        at.run()
        assert button(at, "Load ").disabled
    loads = counts(empty_db_path, "uploads")
    assert loads == (1 if kind in NEEDS_ACTIONS else 0)


def test_every_template_filled_with_its_example_row_loads_with_no_problems(con):
    # In the order an officer would start: the plan first, whose example action the update and the entry name.
    for kind in templates.TEMPLATE_KINDS:
        for file_type, content in [("csv", templates.template_csv(kind)), ("xlsx", templates.template_xlsx(kind))]:
            prepared = prepare(con, content, f"{kind}_template.{file_type}", kind)
            assert [p.sentence() for p in prepared.problems] == [], (kind, file_type)
            assert prepared.unmatched == [], (kind, file_type)
            assert commit(con, prepared, "test").status == "loaded", (kind, file_type)


def test_an_officer_who_has_loaded_only_the_action_plan_sees_home_without_an_error(empty_db_path, monkeypatch):
    with_actions(empty_db_path)
    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert "No survey responses are loaded yet" in texts(at.info)


def test_a_file_with_the_same_name_replaces_the_earlier_load_and_removing_it_puts_that_back(empty_db_path, monkeypatch):
    with_actions(empty_db_path)
    lines = (SAMPLES / "actions.csv").read_text().splitlines()
    edited = "\n".join([lines[0], lines[1].replace("Reduce waits", "Cut waits"), *lines[2:-2]]).encode()
    at = upload(open_upload_page(empty_db_path, monkeypatch), "actions.csv", edited)
    assert next(s for s in at.selectbox if s.label.startswith("Does this file replace")).value == 1
    assert "0 new actions, 1 changed, 39 unchanged; 2 from load 1 that this file does not have will be removed" in (
        texts(at.markdown)
    )
    changes = at.dataframe[0].value
    assert changes["Change"].tolist()[:3] == ["Changed", "Will be removed", "Will be removed"]
    button(at, "Load ").click()
    at.run()
    assert counts(empty_db_path, "actions") == 40
    next(s for s in at.selectbox if s.label == "Remove a load of another input").set_value(2)
    at.run()
    assert "Load 1, which it replaced, counts again" in texts(at.warning)
    at.checkbox(key="undo_sure").check()
    at.run()
    at.button(key="undo_load").click()
    at.run()
    assert "load 1, which it replaced, counts again" in texts(at.success)
    assert counts(empty_db_path, "actions") == 42
