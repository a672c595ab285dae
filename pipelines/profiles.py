"""Mapping profiles: how one survey's export layout is read, saved once so the next export loads with no questions.

A profile belongs to a survey and a layout (a hash of the file's headers, simplified and in order). It holds what
the officer chose: which field or question each column fills, the meaning of answers on no known scale (positive,
negative, neutral or missing) and who answered, for files with no "I am a..." column. Profiles are saved in
`mapping_profiles` (append-only, latest in force, each save in the audit log) and travel as YAML, so one council
can share its set with another.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace

import yaml

from impact import config
from impact.store import audit
from impact.store.writer import transaction
from pipelines.mapping import IGNORE, Mapping, simplify
from pipelines.scales import MEANINGS


class BadProfile(ValueError):
    """A profile file that cannot be used, said in one sentence."""


@dataclass
class Profile:
    """The officer's choices for one survey's export layout."""

    survey: str
    layout_key: str
    columns: dict[str, str] = field(default_factory=dict)  # header as in the file -> field, question or IGNORE
    answers: dict[str, dict[str, str]] = field(default_factory=dict)  # question -> answer -> meaning
    respondent_type: str | None = None
    headers: list[str] = field(default_factory=list)  # the layout's headers, for a person reading the YAML

    def as_dict(self) -> dict:
        """Return the profile as plain data, as written to YAML."""
        data = {"survey": self.survey, "layout": self.layout_key, "headers": self.headers}
        data |= {"columns": self.columns, "answers": self.answers}
        if self.respondent_type:
            data["respondent_type"] = self.respondent_type
        return data


def layout_key(headers: list[str]) -> str:
    """Return a short hash of the headers, simplified and in order: the same layout gives the same key."""
    text = "\x1f".join(simplify(h) for h in headers)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def apply(mapping: Mapping, profile: "Profile | None") -> Mapping:
    """Return the mapping with the profile's column choices, answer meanings and respondent type."""
    if profile is None:
        return mapping
    saved = {**mapping.saved, **{simplify(h): t for h, t in profile.columns.items()}}
    answers = {q: dict(a) for q, a in profile.answers.items()}
    return replace(
        mapping, saved=saved, answers=answers, respondent_type=profile.respondent_type or mapping.respondent_type
    )


def from_dict(data: object) -> Profile:
    """Return a profile from plain data, or raise BadProfile saying what is wrong."""
    if not isinstance(data, dict):
        raise BadProfile("A mapping profile must be a set of named entries (survey, layout, columns, answers).")
    survey = data.get("survey")
    if survey not in config.SURVEYS:
        raise BadProfile(f"The profile's survey '{survey}' is not one of {', '.join(config.SURVEYS)}.")
    columns, answers = data.get("columns") or {}, data.get("answers") or {}
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise BadProfile("The profile's columns must each name one field or question.")
    if not isinstance(answers, dict) or not all(isinstance(v, dict) for v in answers.values()):
        raise BadProfile("The profile's answers must list, for each question, each answer with its meaning.")
    for question, meanings in answers.items():
        wrong = [str(a) for a, m in meanings.items() if m not in MEANINGS]
        if wrong:
            raise BadProfile(
                f"The profile gives '{wrong[0]}' (question {question}) a meaning that is not one of "
                f"{', '.join(MEANINGS)}."
            )
    return Profile(
        survey=survey,
        layout_key=str(data.get("layout") or ""),
        columns={str(h): t for h, t in columns.items()},
        answers={str(q): {str(a): m for a, m in v.items()} for q, v in answers.items()},
        respondent_type=data.get("respondent_type"),
        headers=[str(h) for h in data.get("headers") or []],
    )


def read_yaml(text: str) -> list[Profile]:
    """Return the profiles in a YAML file (one profile, or `profiles:` with several), or raise BadProfile."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise BadProfile(f"The profile file is not readable YAML ({str(error).splitlines()[0]}).") from None
    items = data.get("profiles") if isinstance(data, dict) and "profiles" in data else [data]
    if not isinstance(items, list) or not items:
        raise BadProfile("The profile file holds no profiles.")
    return [from_dict(item) for item in items]


def to_yaml(profiles: list[Profile]) -> str:
    """Return profiles as one YAML file that read_yaml reads back."""
    return yaml.safe_dump({"profiles": [p.as_dict() for p in profiles]}, sort_keys=False, allow_unicode=True)


def choose(profiles: list[Profile], survey: str, key: str) -> Profile | None:
    """Return the profile for this survey and layout, else the survey's only or first profile (columns match by
    header, so a profile from a near layout still helps)."""
    own = [p for p in profiles if p.survey == survey]
    exact = [p for p in own if p.layout_key == key]
    return (exact or own or [None])[0]


def save_profile(con, profile: Profile, saved_by: str) -> None:
    """Save the profile for its survey and layout (the latest is used), with an audit entry, in one transaction."""
    with transaction(con):
        con.execute(
            "insert into mapping_profiles (survey, layout_key, profile_yaml, saved_by, saved_at) "
            "values (?, ?, ?, ?, ?)",
            [profile.survey, profile.layout_key, to_yaml([profile]), saved_by, dt.datetime.now()],
        )
        columns = sum(t != IGNORE for t in profile.columns.values())
        answers = sum(len(a) for a in profile.answers.values())
        who = f", who answered: {profile.respondent_type}" if profile.respondent_type else ""
        audit.record(
            con, saved_by, "mapping",
            f"{profile.survey}: profile for layout {profile.layout_key} saved "
            f"({columns} columns, {answers} answers{who})",
        )  # fmt: skip


def saved_profile(con, survey: str, key: str) -> Profile | None:
    """Return the latest profile saved for this survey and layout, if any."""
    rows = con.execute(
        "select profile_yaml from mapping_profiles where survey = ? and layout_key = ? "
        "order by profile_id desc limit 1",
        [survey, key],
    ).fetchall()
    return read_yaml(rows[0][0])[0] if rows else None


def all_profiles(con, survey: str | None = None) -> list[Profile]:
    """Return the latest profile for every survey and layout (of one survey if given)."""
    rows = con.execute(
        "select profile_yaml from mapping_profiles p where (? is null or survey = ?) and profile_id = "
        "(select max(profile_id) from mapping_profiles q where q.survey = p.survey and q.layout_key = p.layout_key) "
        "order by survey, profile_id",
        [survey, survey],
    ).fetchall()
    return [read_yaml(row[0])[0] for row in rows]
