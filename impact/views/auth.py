"""Who is using the app and what their role lets them do.

Sign-in uses Streamlit's OpenID Connect login (st.login / st.user) when an [auth] section is configured in
.streamlit/secrets.toml; roles come from a YAML file mapping emails or identity-provider groups to roles.
With no identity provider the app runs in local mode: one user, on this computer only.
"""

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
import yaml

from impact import config

ROLES = ["viewer", "officer", "admin"]  # each role can do everything the ones before it can
WHAT_ROLES_DO = {
    "viewer": "read every page and download the numbers behind its charts",
    "officer": "also upload, remove a load, record action updates, edit mappings and themes",
    "admin": "also manage users and settings, and read the audit log",
}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
LOOPBACK_ADDRESSES = {"localhost", "127.0.0.1", "::1", "[::1]"}
# Headers a proxy adds (standard and common ones); a browser talking straight to the app sends none of them.
FORWARDING_HEADERS = {
    "forwarded",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
    "x-forwarded-port",
    "x-forwarded-server",
    "x-real-ip",
    "x-client-ip",
    "x-original-forwarded-for",
    "via",
}


@dataclass(frozen=True)
class User:
    name: str
    email: str
    role: str | None  # None: signed in but given no role
    mode: str  # "signed in" or "local"


def roles_path() -> Path:
    """Return the roles file path (SEND_IMPACT_ROLES, else roles.yaml in the project)."""
    return Path(os.environ.get("SEND_IMPACT_ROLES", str(config.ROOT / "roles.yaml")))


def load_rules(path: Path | None = None) -> dict:
    """Return the role rules from the roles file; no file means nobody but the default role."""
    path = path or roles_path()
    rules = yaml.safe_load(path.read_text()) if path.exists() else {}
    return {"default_role": "none", "users": {}, "groups": {}, **(rules or {})}


def role_for(email: str | None, groups: list[str] | None, rules: dict) -> str | None:
    """Return the highest role the rules give this email or any of these groups, else the default role."""
    users = {k.lower(): v for k, v in (rules.get("users") or {}).items()}
    matched = [users.get((email or "").lower())]
    matched += [(rules.get("groups") or {}).get(group) for group in groups or []]
    found = [role for role in matched if role in ROLES]
    if found:
        return max(found, key=ROLES.index)
    default = rules.get("default_role")
    return default if default in ROLES else None


def can(role: str | None, needed: str) -> bool:
    """Return whether a role includes what the needed role may do."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def sign_in_configured() -> bool:
    """Return whether an identity provider is configured in secrets.toml."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return False


def request_is_local() -> bool:
    """Return whether this browser reached the app directly on this computer (local mode allows nothing else)."""
    headers = dict(st.context.headers or {})  # no headers: a test or script run
    # ip_address is None for a loopback connection; under AppTest there is no connection and it is not a string.
    peer = st.context.ip_address
    return is_direct_local_request(headers, peer if isinstance(peer, str) else None, st.get_option("server.address"))


def is_direct_local_request(headers: dict, peer: str | None, server_address: str | None) -> bool:
    """Return whether a request came straight from this computer: no proxy, loopback host, peer and listener.

    A reverse proxy on the same computer connects from loopback too, so any forwarding header refuses it, even
    one a proxy adds without X-Forwarded-For; and a server listening beyond loopback is meant for a network."""
    lowered = {key.lower(): value for key, value in headers.items()}
    if any(key in lowered for key in FORWARDING_HEADERS):
        return False
    if (server_address or "") not in LOOPBACK_ADDRESSES:
        return False  # unset means every interface
    host = lowered.get("host", "localhost")
    name = host[: host.index("]") + 1] if host.startswith("[") else host.split(":")[0]
    return name in LOCAL_HOSTS and (peer is None or peer in LOOPBACK_ADDRESSES)


def current_user() -> User | None:
    """Return the signed-in (or local) user, or None when nobody is signed in."""
    if sign_in_configured():
        if not st.user.get("is_logged_in", False):
            return None
        email = st.user.get("email", "")
        groups = st.user.get("groups", []) or []
        return User(st.user.get("name", email), email, role_for(email, groups, load_rules()), "signed in")
    if not request_is_local():
        return None
    # Viewer unless the person on this computer says otherwise: officer and admin are explicit settings.
    role = os.environ.get("SEND_IMPACT_LOCAL_ROLE", "viewer")
    return User(getpass.getuser(), "", role if role in ROLES else "viewer", "local")


def who(user: User | None) -> str:
    """Return how a user is recorded in the audit log and upload history."""
    if user is None:
        return "unknown"
    # Signed in: the identity provider's email; local mode: the operating system user running the app.
    return user.email or f"{user.name} ({user.mode} mode)"


def require(needed: str) -> User:
    """Stop the page with a plain message unless the user's role allows it; return the user."""
    user = current_user()
    if user is None or not can(user.role, needed):
        st.error(f"This needs the {needed} role: {WHAT_ROLES_DO[needed]}. Ask an admin if you need it.")
        st.stop()
    return user


def save_user_role(email: str, role: str, path: Path | None = None) -> None:
    """Give an email a role (or remove it with role "none") in the roles file."""
    path = path or roles_path()
    rules = load_rules(path)
    users = dict(rules.get("users") or {})
    if role == "none":
        users.pop(email, None)
    else:
        users[email] = role
    rules["users"] = users
    path.write_text(yaml.safe_dump(rules, sort_keys=False))
