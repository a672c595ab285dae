"""An admin's settings hold for every page, are checked, and are written to the audit log."""

import pytest
from streamlit.testing.v1 import AppTest

from impact import config
from impact.domain.disclosure import format_percent, suppress_count
from impact.store import settings


@pytest.fixture(autouse=True)
def restore_defaults(monkeypatch):
    for setting in settings.SETTINGS:
        monkeypatch.setattr(config, setting.attribute, getattr(config, setting.attribute))


def test_a_stricter_threshold_hides_more_and_is_logged(con):
    assert suppress_count(7) == "7" and format_percent(9, 12) == "75% (n=12)"
    settings.change(con, "suppress_below", 10, "admin@example.gov.uk")
    settings.change(con, "min_base", 20, "admin@example.gov.uk")
    assert suppress_count(7) == "c" and format_percent(9, 12) == "not shown (n<20)"
    entries = con.execute("select who, action, detail from audit_log order by audit_id").fetchall()
    assert entries == [
        ("admin@example.gov.uk", "setting", "Counts below this are shown as c: 5 -> 10"),
        ("admin@example.gov.uk", "setting", "Smallest base for a percentage: 10 -> 20"),
    ]


def test_saved_settings_survive_a_restart_and_out_of_range_values_are_refused(con):
    settings.change(con, "retention_months", 36, "admin")
    config.RETENTION_MONTHS = 72  # a new process starts from the environment's default...
    settings.apply(con)  # ...and takes the saved value
    assert config.RETENTION_MONTHS == 36
    with pytest.raises(ValueError, match="at most 20"):
        settings.change(con, "suppress_below", 21, "admin")
    assert config.SUPPRESS_BELOW == 5


@pytest.mark.parametrize("key, lower, floor", [("suppress_below", 3, 5), ("min_base", 6, 10)])
def test_thresholds_can_be_raised_but_never_lowered_below_the_safe_defaults(con, key, lower, floor):
    with pytest.raises(ValueError, match=f"can be raised but not set below {floor}"):
        settings.change(con, key, lower, "admin")
    assert con.execute("select count(*) from settings").fetchone()[0] == 0
    # A lower value saved before this rule existed is not put in force either.
    con.execute("insert into settings values (?, ?, current_timestamp, 'admin')", [key, str(lower)])
    settings.apply(con)
    assert getattr(config, settings.BY_KEY[key].attribute) == floor


def test_the_admin_page_saves_a_setting(sample_db_copy, monkeypatch):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_copy))
    monkeypatch.setenv("SEND_IMPACT_LOCAL_ROLE", "admin")
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    at.switch_page("pages/admin.py")
    at.run()
    at.number_input[0].set_value(6)
    at.button[1].click()  # the settings form's Save (the roles form's Save is first)
    at.run()
    assert not at.exception
    assert "Settings saved." in [s.value for s in at.success]
    log = at.dataframe[-1].value
    assert log.iloc[0]["Action"] == "setting" and "5 -> 6" in log.iloc[0]["Detail"]
