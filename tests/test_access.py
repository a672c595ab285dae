"""Who can see and do what: role rules without a live identity provider, and pages refusing the wrong role."""

import pytest
from streamlit.testing.v1 import AppTest

from impact.views.auth import can, is_direct_local_request, load_rules, role_for, save_user_role

RULES = {
    "default_role": "none",
    "users": {"Officer@Example.gov.uk": "officer", "board@example.gov.uk": "viewer"},
    "groups": {"SEND-Admins": "admin", "SEND-Performance": "viewer"},
}


@pytest.mark.parametrize(
    "email, groups, role",
    [
        ("officer@example.gov.uk", [], "officer"),  # emails match whatever their case
        ("board@example.gov.uk", ["SEND-Admins"], "admin"),  # the highest role wins
        ("someone@example.gov.uk", ["SEND-Performance"], "viewer"),
        ("stranger@example.gov.uk", ["Other"], None),  # default "none": refused
    ],
)
def test_roles_come_from_emails_and_groups(email, groups, role):
    assert role_for(email, groups, RULES) == role


def test_a_default_role_admits_unlisted_people_as_viewers_only():
    assert role_for("new@example.gov.uk", [], {**RULES, "default_role": "viewer"}) == "viewer"
    assert role_for("new@example.gov.uk", [], {**RULES, "default_role": "superuser"}) is None


def test_each_role_includes_the_ones_below_it():
    assert can("admin", "officer") and can("officer", "viewer")
    assert not can("viewer", "officer") and not can("officer", "admin") and not can(None, "viewer")


def test_saving_a_role_writes_the_roles_file(tmp_path):
    path = tmp_path / "roles.yaml"
    save_user_role("a@example.gov.uk", "officer", path)
    assert load_rules(path)["users"] == {"a@example.gov.uk": "officer"}
    save_user_role("a@example.gov.uk", "none", path)
    assert load_rules(path)["users"] == {}


def run_app(monkeypatch, db_path, role: str, script: str = "../app.py") -> AppTest:
    monkeypatch.setenv("SEND_IMPACT_DB", str(db_path))
    monkeypatch.setenv("SEND_IMPACT_LOCAL_ROLE", role)
    at = AppTest.from_file(script, default_timeout=60)
    at.run()
    return at


def sidebar_text(at: AppTest) -> str:
    return " ".join(str(node.proto) for node in at.sidebar)


def test_viewers_are_not_shown_upload_or_admin(monkeypatch, sample_db_path):
    at = run_app(monkeypatch, sample_db_path, "viewer")
    assert not at.exception
    assert "Local mode" in at.sidebar.caption[0].value and "viewer" in at.sidebar.caption[0].value


@pytest.mark.parametrize("page, needed", [("../pages/upload.py", "officer"), ("../pages/admin.py", "admin")])
def test_pages_refuse_a_role_that_may_not_use_them_even_if_reached_directly(monkeypatch, sample_db_path, page, needed):
    at = run_app(monkeypatch, sample_db_path, "viewer", page)
    assert not at.exception
    assert at.error and f"needs the {needed} role" in at.error[0].value
    assert not at.file_uploader and not at.button


def test_admins_see_the_audit_log(monkeypatch, sample_db_path):
    at = run_app(monkeypatch, sample_db_path, "admin", "../pages/admin.py")
    assert not at.exception and not at.error
    assert [s.value for s in at.header] == ["Roles", "Settings in force", "Retention", "Backup", "Audit log"]


def test_with_an_identity_provider_nobody_sees_data_before_signing_in(monkeypatch, sample_db_path):
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_path))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x",
        "client_id": "x",
        "client_secret": "x",
        "server_metadata_url": "https://login.example/.well-known/openid-configuration",
    }
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric


def test_local_mode_is_a_viewer_unless_a_role_is_set(monkeypatch, sample_db_path):
    monkeypatch.delenv("SEND_IMPACT_LOCAL_ROLE")
    at = AppTest.from_file("../app.py", default_timeout=60)
    monkeypatch.setenv("SEND_IMPACT_DB", str(sample_db_path))
    at.run()
    assert not at.exception
    assert "Local mode** (viewer)" in at.sidebar.caption[0].value


@pytest.mark.parametrize(
    "headers, peer, server, local",
    [
        ({"Host": "localhost:8501"}, None, "127.0.0.1", True),
        ({"Host": "[::1]:8501"}, "::1", "::1", True),
        # A proxy on the same computer connects from loopback; any forwarding header gives it away.
        ({"Host": "localhost:8501", "X-Forwarded-For": "10.1.2.3"}, None, "127.0.0.1", False),
        ({"Host": "localhost:8501", "X-Forwarded-Proto": "https"}, None, "127.0.0.1", False),
        ({"Host": "localhost:8501", "Forwarded": "for=10.1.2.3"}, None, "127.0.0.1", False),
        ({"Host": "localhost:8501", "Via": "1.1 proxy"}, None, "127.0.0.1", False),
        ({"Host": "localhost:8501", "x-real-ip": "10.1.2.3"}, None, "127.0.0.1", False),
        # A proxy that adds none still passes on the name people typed.
        ({"Host": "dashboard.council.gov.uk"}, None, "127.0.0.1", False),
        ({"Host": "localhost:8501"}, "10.1.2.3", "127.0.0.1", False),
        # Listening on the network (or every interface) means it is meant for more than this computer.
        ({"Host": "localhost:8501"}, None, "0.0.0.0", False),
        ({"Host": "localhost:8501"}, None, None, False),
    ],
)
def test_local_mode_refuses_any_request_that_did_not_come_straight_from_this_computer(headers, peer, server, local):
    assert is_direct_local_request(headers, peer, server) is local
