"""Settings an admin may change in the app: the small-number thresholds and the retention period.

Defaults come from the environment (impact/config.py); a value saved here overrides them for everyone, is kept
with who and when, and is written to the audit log.
"""

import datetime as dt
from dataclasses import dataclass

from impact import config
from impact.store import audit


@dataclass(frozen=True)
class Setting:
    key: str
    attribute: str  # the impact.config name it overrides
    label: str
    low: int
    high: int


SETTINGS = [
    # The small-number thresholds may be raised, never lowered below the safe defaults (domain rules: 5 and 10).
    Setting("suppress_below", "SUPPRESS_BELOW", "Counts below this are shown as c", 5, 20),
    Setting("min_base", "MIN_BASE_FOR_PERCENT", "Smallest base for a percentage", 10, 100),
    Setting("retention_months", "RETENTION_MONTHS", "Keep responses and activities for (months)", 12, 240),
]
BY_KEY = {s.key: s for s in SETTINGS}
_DEFAULTS = {s.key: getattr(config, s.attribute) for s in SETTINGS}


def saved(con) -> dict[str, int]:
    """Return the settings saved in the database, latest per key."""
    rows = con.execute("select key, arg_max(value, changed_at) from settings group by key").fetchall()
    return {key: int(value) for key, value in rows if key in BY_KEY}


def apply(con) -> None:
    """Put the saved settings (or the environment's defaults) in force for this process."""
    values = {**_DEFAULTS, **saved(con)}
    for setting in SETTINGS:
        # A value saved before the floor existed, or an environment default below it, never weakens protection.
        setattr(config, setting.attribute, max(setting.low, values[setting.key]))


def change(con, key: str, value: int, who: str) -> None:
    """Save a new value for a setting, after checking it is in range, and log it."""
    from impact.store.writer import transaction  # the one-writer-at-a-time transaction

    setting = BY_KEY[key]
    if int(value) < setting.low:
        raise ValueError(f"{setting.label} can be raised but not set below {setting.low}.")
    if int(value) > setting.high:
        raise ValueError(f"{setting.label} must be at most {setting.high}.")
    before = getattr(config, setting.attribute)
    with transaction(con):
        con.execute("insert into settings values (?, ?, ?, ?)", [key, str(int(value)), dt.datetime.now(), who])
        audit.record(con, who, "setting", f"{setting.label}: {before} -> {int(value)}")
    apply(con)
