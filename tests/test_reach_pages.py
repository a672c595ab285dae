"""The Reach page as a board member, the performance group and the participation officer use it (AppTest)."""

import json

import duckdb
import pytest

from impact.store import db
from tests.conftest import DATA
from tests.test_app_pages import open_page


def takeaways(at) -> list[str]:
    return [m.value.strip("*") for m in at.markdown if m.value.startswith("**")]


def young_people_aged_12_to_16(path) -> dict[str, int]:
    """Young people aged 12-16 who responded, per year, counted straight from the responses table (published through
    the cell-key macro, as every page publishes counts)."""
    with duckdb.connect(str(path)) as con:
        rows = con.execute(
            "select wave, published_count(record_key) from responses "
            "where respondent_type = 'Young person' and age_band = '12-16' group by wave"
        ).fetchall()
    return dict(rows)


@pytest.fixture
def sample(sample_db_copy, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_copy))
    return sample_db_copy


def test_a_board_member_reads_whether_more_young_people_aged_12_to_16_are_reached(sample):
    counts = young_people_aged_12_to_16(sample)
    at = open_page("pages/reach.py")
    assert not at.exception
    now, before = counts["2025-26"], counts["2024-25"]
    # The scorecard's target for the measure follows the sentence (see the test below).
    assert takeaways(at)[0].startswith(
        f"{now} young people aged 12-16 responded in 2025-26, up {now - before} on 2024-25 ({before})."
    )
    rate = next(t for t in takeaways(at) if "per 100" in t)
    assert "Aged 12-16:" in rate


def test_the_scorecard_target_is_drawn_and_judged_and_an_officer_can_change_it(sample):
    from impact.queries import scorecard
    from pipelines.scorecard_edits import record_edit

    counts = young_people_aged_12_to_16(sample)
    with db.connect(sample) as con:
        record_edit(con, scorecard.scorecard_measures(con), "young_people_12_16_responding", "target", None, "150",
                    "Participation Officer")  # fmt: skip
        audited = con.execute("select who, detail from audit_log where action = 'scorecard_edit'").fetchall()
    assert audited == [("Participation Officer", "young_people_12_16_responding: target set")]
    at = open_page("pages/reach.py")
    assert takeaways(at)[0].endswith(f"Target 150: {150 - counts['2025-26']} short.")
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [shape["y0"] for shape in figure["layout"]["shapes"]] == [150]


def test_a_scorecard_edit_that_is_not_a_number_changes_nothing(sample):
    from impact.queries import scorecard
    from pipelines.scorecard_edits import record_edit

    with db.connect(sample) as con:
        defined = scorecard.scorecard_measures(con)
        with pytest.raises(ValueError, match="must be a number, such as 75"):
            record_edit(con, defined, "young_people_12_16_responding", "target", None, "lots", "Officer")
        with pytest.raises(ValueError, match="not your name or email"):
            record_edit(con, defined, "young_people_12_16_responding", "commentary", "2026-27 Q2", "ok", "a@b.org")
        assert con.execute("select count(*) from scorecard_edits").fetchone()[0] == 0


def test_the_performance_group_narrows_the_page_to_one_workstream(sample):
    at = open_page("pages/reach.py")
    at.multiselect(key="workstream").set_value(["B6"]).run()
    assert not at.exception
    # No survey question and no young people's activity is tagged B6.
    infos = [i.value for i in at.info]
    assert "No young people whose age is known match these filters." in infos
    assert "No activity attendance by young people matches these filters." in infos


def test_reach_by_locality_flags_under_represented_groups(sample):
    at = open_page("pages/reach.py")
    at.segmented_control(key="rate_by").set_value("Locality").run()
    assert not at.exception
    representation = next(d.value for d in at.dataframe if "Representation index" in d.value.columns)
    assert set(representation["Locality"]) == {"North", "Central", "South"}
    assert set(representation["Flag"]) <= {"Under-represented", "In line", "Over-represented"}


@pytest.fixture
def sample_without_dfe(sample):
    """The sample database before its DfE baseline was loaded."""
    con = db.connect(sample)
    for statement in (
        "delete from dfe_ehc_plans",
        "delete from dfe_area",
        "delete from uploads where kind = 'dfe_caseload'",
    ):
        con.execute(statement)
    con.close()
    return sample


def test_the_officer_loads_the_dfe_baseline_and_sees_the_area_beside_england(sample_without_dfe):
    at = open_page("pages/reach.py")
    assert any("DfE baseline is not loaded yet" in i.value for i in at.info)
    at.file_uploader(key="dfe_file").upload("caseload.csv", (DATA / "dfe_caseload_small.csv").read_bytes(), "text/csv")
    at.run()
    at.selectbox(key="dfe_la").set_value("E06000044").run()
    at.button(key="dfe_load").click().run()
    assert not at.exception
    assert [s.value for s in at.success][0].startswith("Loaded 27 rows of active EHC plans for Portsmouth")
    # Portsmouth 12-16: (150 + 120) / 413 = 65%; South East 16,200 / 26,810 = 60%; England 92,000 / 158,400 = 58%.
    assert (
        "In January 2025, Portsmouth had 413 active EHC plans; 65% were for young people aged 12-16 "
        "(South East 60%, England 58%), up from 390 in January 2024."
    ) in takeaways(at)
    at.segmented_control(key="population").set_value("DfE EHC plans").run()
    rates = next(d.value for d in at.dataframe if "Per 100" in d.value.columns)
    assert set(rates["Baseline (January)"]) == {"2025"}


def test_a_file_that_is_not_the_dfe_caseload_is_refused(sample):
    at = open_page("pages/reach.py")
    at.file_uploader(key="dfe_file").upload("baseline.csv", (DATA / "baseline_small.csv").read_bytes(), "text/csv")
    at.run()
    assert any("does not look like the DfE caseload.csv" in e.value for e in at.error)


def test_the_dfe_baseline_can_be_loaded_before_any_survey(empty_db_path, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(empty_db_path))
    at = open_page("pages/reach.py")
    at.file_uploader(key="dfe_file").upload("caseload.csv", (DATA / "dfe_caseload_small.csv").read_bytes(), "text/csv")
    at.run()
    at.button(key="dfe_load").click().run()
    assert not at.exception
    assert any(t.startswith("In January 2025, Camden had 292 active EHC plans") for t in takeaways(at))
    assert "No young people whose age is known match these filters." in [i.value for i in at.info]
