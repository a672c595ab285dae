"""The DfE caseload.csv pipeline, on small files in the published format (tests/data/dfe_caseload_*.csv)."""

import pandas as pd
import pytest

from impact.queries import reach as queries
from impact.queries.filters import Filters
from pipelines import dfe_baseline
from pipelines.read import UnreadableFile
from tests.conftest import DATA, load_fixture
from tests.hand_counted import without_noise

SMALL = (DATA / "dfe_caseload_small.csv").read_bytes()
PORTSMOUTH, CAMDEN = "E06000044", "E09000007"


def test_the_officer_picks_from_the_local_authorities_in_the_file():
    raw = dfe_baseline.read_caseload(SMALL, "caseload.csv")
    assert dfe_baseline.authority_choices(raw) == {
        CAMDEN: "Camden (London)",
        PORTSMOUTH: "Portsmouth (South East)",
        "E06000045": "Southampton (South East)",
    }


def test_a_file_that_is_not_the_caseload_file_is_refused_in_one_sentence():
    with pytest.raises(UnreadableFile, match="does not look like the DfE caseload.csv"):
        dfe_baseline.read_caseload((DATA / "baseline_small.csv").read_bytes(), "baseline_small.csv")


def test_only_the_area_its_region_and_england_are_kept_with_ages_in_bands():
    area, rows = dfe_baseline.select_area(dfe_baseline.read_caseload(SMALL, "caseload.csv"), PORTSMOUTH)
    frame = dfe_baseline.normalise_caseload(rows)
    assert area["region_name"] == "South East"
    assert set(frame["area_name"]) == {"Portsmouth", "South East", "England"}
    local = frame[(frame["area_name"] == "Portsmouth") & (frame["census_year"] == "2025")].set_index("age")
    assert local.loc["under 3", "age_band"] == "0-4" and local.loc["age 14", "age_band"] == "12-16"
    assert pd.isna(local.loc["unknown", "age_band"]) and local.loc["All ages", "plans"] == 413
    assert local["plans"].isna().sum() == 2  # "under 3" and "unknown" were published as x


@pytest.mark.parametrize("age, parsed", [("under 3", (2, "0-4")), ("age 16", (16, "12-16")),
                                         ("age 20 and over", (20, "20-25")), ("unknown", (None, None))])  # fmt: skip
def test_dfe_age_labels(age, parsed):
    assert dfe_baseline.parse_dfe_age(age) == parsed


def test_a_value_that_is_not_a_number_or_a_dfe_marker_loads_nothing(con):
    message, prepared = dfe_baseline.ingest_baseline(
        con, (DATA / "dfe_caseload_bad_value.csv").read_bytes(), "caseload.csv", PORTSMOUTH, "test"
    )
    assert "not loaded" in message
    sentences = [p.sentence() for p in prepared.problems]
    assert any("ehcplans" in s and "'lots'" in s for s in sentences), sentences
    assert con.execute("select count(*) from dfe_ehc_plans").fetchone()[0] == 0


def test_load_compare_and_reload(con):
    # 3 areas x (a total for January 2024 and 2025, and 7 ages in January 2025) = 27 rows.
    message, _ = dfe_baseline.ingest_baseline(con, SMALL, "caseload.csv", PORTSMOUTH, "test")
    assert message.startswith("Loaded 27 rows of active EHC plans for Portsmouth, South East and England")
    again, _ = dfe_baseline.ingest_baseline(con, SMALL, "caseload.csv", PORTSMOUTH, "test")
    assert "already loaded" in again
    plans = queries.dfe_plans_by_age_band(con)
    local = plans[plans["area_name"] == "Portsmouth"].set_index("age_band")
    # 12-16 = age 12 (150) + age 14 (120); 0-4 = age 4 (40), "under 3" suppressed.
    assert local.loc["12-16", "plans"] == 270 and local.loc["0-4", "plans"] == 40
    assert local.loc["0-4", "suppressed"] == 1 and local.loc["12-16", "total"] == 413
    assert list(plans["area_name"].unique()) == ["Portsmouth", "South East", "England"]
    assert queries.dfe_total_plans(con)["plans"].tolist() == [390, 413]


def test_the_same_file_loads_again_for_another_area_which_becomes_the_one_shown(con):
    dfe_baseline.ingest_baseline(con, SMALL, "caseload.csv", PORTSMOUTH, "test")
    message, _ = dfe_baseline.ingest_baseline(con, SMALL, "caseload.csv", CAMDEN, "test")
    assert message.startswith("Loaded") and queries.dfe_area(con)["la_name"] == "Camden"
    assert list(queries.dfe_plans_by_age_band(con)["area_name"].unique()) == ["Camden", "London", "England"]


def test_reach_per_100_ehc_plans_counts_respondents_with_a_plan(con):
    load_fixture(con, "involvement_2024-25.csv", "involvement")
    load_fixture(con, "involvement_2025-26.csv", "involvement")
    dfe_baseline.ingest_baseline(con, SMALL, "caseload.csv", PORTSMOUTH, "test")
    without_noise(con)  # counted by hand: true counts published (tests/hand_counted.py)
    table = queries.dfe_reach_rates(con, Filters())
    by_band = {(r.period, r.group): (r.respondents, r.population) for r in table.itertuples()}
    # With an EHC plan, aged 12-16: two young people in 2024-25, one in 2025-26; both years use January 2025.
    assert by_band[("2024-25", "12-16")] == (2, 270) and by_band[("2025-26", "12-16")] == (1, 270)
    assert ("2024-25", "5-11") not in by_band  # this small file has no ages 5 to 11
