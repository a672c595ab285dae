"""The Admin page: a backup and the mapping profiles to download, and a retention run shown before it is confirmed."""

import duckdb
import pytest
import yaml
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from impact import config
from impact.store import db, settings
from pipelines import profiles

PROFILE = profiles.Profile(
    survey="big_bang",
    layout_key="0123456789abcdef",
    columns={"How old are you?": "age", "Your name": profiles.IGNORE},
    headers=["How old are you?", "Your name"],
)


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Every file the page hands to Streamlit for download, by file name."""
    saved, original = {}, MemoryMediaFileStorage.load_and_get_id

    def keep(self, data, mimetype, kind, filename=None):
        saved[filename] = data if isinstance(data, bytes) else data.encode()
        return original(self, data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return saved


@pytest.fixture(autouse=True)
def keep_settings(monkeypatch):
    for setting in settings.SETTINGS:
        monkeypatch.setattr(config, setting.attribute, getattr(config, setting.attribute))


def admin_page(monkeypatch, path, role: str = "admin") -> AppTest:
    monkeypatch.setenv("SEND_IMPACT_DB", str(path))
    monkeypatch.setenv("SEND_IMPACT_LOCAL_ROLE", role)
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    at.switch_page("pages/admin.py")
    return at.run()


def rows(path, sql: str):
    with db.reading(path) as con:
        return con.execute(sql).fetchall()


def test_an_admin_downloads_a_backup_that_opens_with_every_response_and_the_profiles_as_yaml(
    sample_db_copy, monkeypatch, downloads, tmp_path
):
    with db.writing(sample_db_copy) as con:
        profiles.save_profile(con, PROFILE, "admin@example.gov.uk")
    at = admin_page(monkeypatch, sample_db_copy)
    assert not at.exception
    assert profiles.read_yaml(yaml.safe_dump(yaml.safe_load(downloads["mapping_profiles.yaml"]))) == [PROFILE]
    assert not any(str(name).endswith(".duckdb") for name in downloads)  # a backup is only taken when asked for
    at.button(key="backup_prepare").click().run()
    assert not at.exception
    [name] = [name for name in downloads if str(name).startswith("impact-backup-")]
    assert len(downloads[name]) > 0
    backup = tmp_path / "downloaded.duckdb"
    backup.write_bytes(downloads[name])
    opened = duckdb.connect(str(backup), read_only=True)
    try:
        assert (
            opened.execute("select count(*) from responses").fetchone()
            == rows(sample_db_copy, "select count(*) from responses")[0]
        )
    finally:
        opened.close()
    [(who, detail)] = rows(sample_db_copy, "select who, detail from audit_log where action = 'backup'")
    assert "local mode" in who and "Backup taken for download" in detail


def test_the_retention_run_shows_what_it_would_remove_and_removes_it_only_when_confirmed(sample_db_copy, monkeypatch):
    with db.writing(sample_db_copy) as con:
        settings.change(con, "retention_months", 24, "admin@example.gov.uk")
    count_responses = "select count(*) from responses"
    before = rows(sample_db_copy, count_responses)[0][0]
    at = admin_page(monkeypatch, sample_db_copy)
    assert not at.exception
    [preview] = [d.value for d in at.dataframe if "Rows removed" in d.value.columns]
    removed = dict(zip(preview["What"], preview["Rows removed"], strict=True))
    assert removed["responses"] > 0 and removed["answers"] > 0
    assert preview.set_index("What").loc["responses", "Oldest date"] == "01 Oct 2023"  # the oldest sample response
    assert rows(sample_db_copy, count_responses)[0][0] == before  # shown, not applied
    at.button(key="retention_confirm").click().run()
    assert not at.exception
    assert rows(sample_db_copy, count_responses)[0][0] == before - removed["responses"]
    assert any(s.value.startswith("Removed data dated before") for s in at.success)
    assert any("would remove nothing" in i.value for i in at.info)  # the preview now shows what is left
    [(who, detail)] = rows(sample_db_copy, "select who, detail from audit_log where action = 'retention'")
    assert "local mode" in who and f"{removed['responses']} responses" in detail


@pytest.mark.parametrize("role", ["viewer", "officer"])
def test_only_admins_see_the_backup_and_the_retention_run(sample_db_path, monkeypatch, role):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_path))
    monkeypatch.setenv("SEND_IMPACT_LOCAL_ROLE", role)
    at = AppTest.from_file("../pages/admin.py", default_timeout=60).run()  # its address, typed: not in their menu
    assert not at.exception and "needs the admin role" in at.error[0].value
    assert not at.get("download_button") and not at.button
    assert not any(h.value in ("Retention", "Backup") for h in at.header)
