"""Action updates dated in a quarter that has not started are refused; a mistaken one can be withdrawn; and "the
latest quarter" is never one that has not started."""

import datetime as dt
import re

import pytest

from impact.domain.periods import financial_quarter, shift_quarter
from impact.queries import actions as queries
from impact.queries.common import reporting_quarters
from pipelines.action_updates import form_message, record_action_update, withdraw_update
from pipelines.ingest import ingest
from tests.conftest import DATA, count, load_fixture
from tests.test_action_plan_page import open_action_plan, static_table

CURRENT = financial_quarter(dt.date.today())
NEXT = shift_quarter(CURRENT, 1)


@pytest.fixture
def plan(con):
    assert load_fixture(con, "actions_tiny.csv", "actions").status == "loaded"
    assert load_fixture(con, "action_updates_tiny.csv", "action_updates").status == "loaded"
    return con


def record(con, quarter: str, rag: str = "Red"):
    return record_action_update(con, "T-01", quarter, "In progress", rag, 40, "", "Participation Officer")


def test_an_update_for_next_quarter_is_refused_in_plain_words_and_nothing_is_written(plan):
    rows = count(plan, "action_updates")
    result = record(plan, NEXT)
    assert not result.ok
    assert [form_message(p) for p in result.problems] == [
        f"Quarter ('{NEXT}'): a quarter that has not started yet (record an update once its quarter has begun)."
    ]
    assert count(plan, "action_updates") == rows


def test_a_file_with_an_update_for_a_quarter_not_started_loads_nothing(plan):
    lines = (DATA / "action_updates_tiny.csv").read_text().splitlines()
    future = lines[:2] + [lines[2].replace(lines[2].split(",")[1], NEXT)]
    result = ingest(plan, "\n".join(future).encode(), "updates_next_quarter.csv", "action_updates", "test")
    assert result.status == "rejected"
    assert any("has not started yet" in p.sentence() and "row 3" in p.sentence() for p in result.prepared.problems)


def test_the_latest_quarter_is_never_one_that_has_not_started(plan):
    latest = reporting_quarters(plan)[-1]
    # Something dated in a later quarter (an older file, or a clock put right) does not move every page there.
    plan.execute(
        "insert into action_updates (action_code, quarter, status, rag, percent_complete, updated_at, updated_by) "
        "values ('T-01', ?, 'In progress', 'Red', 10, current_timestamp, 'test')",
        [NEXT],
    )
    assert reporting_quarters(plan)[-1] == latest
    assert reporting_quarters(plan, today=dt.date.today() + dt.timedelta(days=200))[-1] == NEXT


def test_an_officer_withdraws_a_mistaken_update_and_it_stays_in_the_history_as_withdrawn(plan):
    before = reporting_quarters(plan)
    result = record(plan, CURRENT)
    assert result.ok and reporting_quarters(plan)[-1] == CURRENT
    with pytest.raises(ValueError, match="a reason is required"):
        withdraw_update(plan, result.update_id, " ", "officer@example.gov.uk")
    message = withdraw_update(plan, result.update_id, "Recorded against the wrong action", "officer@example.gov.uk")
    assert message == f"Withdrew the {CURRENT} update for T-01. It stays in the history, marked withdrawn."
    history = queries.action_history(plan, "T-01").set_index("update_id")
    withdrawn = history.loc[result.update_id]
    assert withdrawn["is_withdrawn"] and not withdrawn["is_current"]
    assert withdrawn["withdrawn_by"] == "officer@example.gov.uk"
    assert reporting_quarters(plan) == before  # it no longer counts, so it no longer makes a quarter
    assert plan.execute("select count(*) from action_status where quarter = ?", [CURRENT]).fetchone()[0] == 0
    with pytest.raises(ValueError, match="already withdrawn"):
        withdraw_update(plan, result.update_id, "again", "officer@example.gov.uk")
    assert plan.execute("select who, action from audit_log order by audit_id desc limit 1").fetchone() == (
        "officer@example.gov.uk",
        "action_update_withdrawn",
    )


def test_the_action_plan_page_withdraws_an_update(monkeypatch, sample_db_copy):
    at = open_action_plan(monkeypatch, sample_db_copy)
    at.selectbox(key="action_plan_action").set_value("PAP-03").run()
    at.text_input(key="withdraw_reason_PAP-03").input("Entered twice")
    next(b for b in at.button if b.label == "Withdraw this update").click().run()
    assert not at.exception, at.exception
    assert "It stays in the history, marked withdrawn" in at.success[0].value
    history = static_table(at, "Counts for the quarter").reset_index()
    assert re.match(
        r"No: withdrawn on \d\d \w{3} \d{4} by .+ \(Entered twice\)", history.iloc[0]["Counts for the quarter"]
    )
