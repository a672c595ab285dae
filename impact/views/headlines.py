"""The Home page's headline tiles, each a value with its base and its change from the period before."""

from dataclasses import dataclass

from impact import config
from impact.domain.disclosure import can_show_percent, is_small, suppress_count
from impact.domain.periods import shift_quarter
from impact.domain.stats import Proportion, change_is_significant
from impact.queries import common
from impact.queries import home as queries


@dataclass
class Tile:
    label: str
    value: str
    delta: str | None
    caption: str
    help: str

    @property
    def delta_color(self) -> str:
        """Grey, with no arrow's colour, when nothing changed."""
        return "off" if self.unchanged else "normal"

    @property
    def unchanged(self) -> bool:
        """Whether the change is zero: shown grey and without an arrow."""
        return bool(self.delta) and self.delta.startswith(("+0 ", "no change"))


def headline_tiles(con, quarter: str) -> list[Tile]:
    """Return the four headline tiles for a quarter."""
    return [
        responses_tile(con, quarter),
        listened_to_tile(con, quarter),
        target_age_tile(con, quarter),
        actions_tile(con, quarter),
    ]


def responses_tile(con, quarter: str) -> Tile:
    """Return survey responses this quarter against last quarter."""
    now = queries.responses_in_quarter(con, quarter)
    before = queries.responses_in_quarter(con, shift_quarter(quarter, -1))
    shown_now, shown_before = suppress_count(now), suppress_count(before)
    delta = None
    if config.SUPPRESSED not in (shown_now, shown_before):
        delta = f"{now - before:+,} on {shift_quarter(quarter, -1)}"
    return Tile(
        "Responses this quarter",
        shown_now,
        delta,
        f"All surveys and Local Offer feedback, {quarter}.",
        "Responses submitted in the quarter. Annual surveys make some quarters much busier than others.",
    )


def listened_to_tile(con, quarter: str) -> Tile:
    """Return the share who feel listened to over the last four quarters, against the four before.

    Numerator and base are published (perturbed) counts, so stepping the quarter picker and subtracting bases gives
    noise, not a quarter's answers."""
    first, last = common.year_to(quarter)
    now = queries.indicator_proportion(con, "listened_to", first, last)
    before = queries.indicator_proportion(con, "listened_to", shift_quarter(first, -4), shift_quarter(last, -4))
    base = "fewer than 5" if is_small(now.base) else f"n={now.base:,}"
    return Tile(
        "Feel listened to",
        _percent(now),
        _percent_change(before, now),
        f"Base: {base} answers, 12 months {first} to {last}." if now.base else "No answers in 12 months.",
        "Agree or strongly agree with 'I feel listened to', across the Big Bang and involvement surveys. "
        "'Don't know', 'Prefer not to say' and blanks are left out of the base. The change is against the "
        "12 months before, tested at the 95% level.",
    )


def target_age_tile(con, quarter: str) -> Tile:
    """Return young people aged 12-16 who responded in the last four quarters, and their share.

    Counts are published (perturbed) counts; the count is "c" when it is 1-4, and the share is not shown then or on
    a base under the minimum."""
    first, last = common.year_to(quarter)
    now = queries.young_people_in_target_band(con, first, last)
    before = queries.young_people_in_target_band(con, shift_quarter(first, -4), shift_quarter(last, -4))
    now_hidden = is_small(now.positive)
    before_hidden = is_small(before.positive)
    shown = config.SUPPRESSED if now_hidden else f"{now.positive:,}"
    delta = None if now_hidden or before_hidden else f"{now.positive - before.positive:+,} on the year before"
    if not now.base:
        share = "No ages known"
    elif now_hidden:
        share = "Share of young people whose age band is known not shown (protects a small group)"
    else:
        share = f"{_percent(now)} of young people whose age band is known (n={now.base:,})"
    return Tile(
        f"Young people aged {config.TARGET_AGE_BAND}",
        shown,
        delta,
        f"{share}, 12 months to {last}.",
        "Young people aged 12 to 16 who answered a survey themselves. The strategy names this group as one "
        "to reach more. The share is of young people whose age falls in a reporting band (0-4, 5-11, 12-16, 17-19, "
        "20-25), whether given in years or as that band; a band that crosses 12-16 (such as 11-15) is in neither "
        "the count nor the base.",
    )


def actions_tile(con, quarter: str) -> Tile:
    """Return actions on track (green or complete) this quarter against last quarter."""
    now = queries.actions_on_track(con, quarter)
    before = queries.actions_on_track(con, shift_quarter(quarter, -1))
    delta = f"{now.positive - before.positive:+d} on {shift_quarter(quarter, -1)}" if before.base else None
    if delta and delta.startswith("+0 "):
        delta = f"no change on {shift_quarter(quarter, -1)}"
    return Tile(
        "Actions on track",
        f"{now.positive} of {now.base}" if now.base else "No updates",
        delta,
        f"{_percent(now)} green or complete this quarter." if now.base else "No action updates this quarter.",
        "Actions across all plans whose latest update this quarter is rated green or complete.",
    )


def _percent(p: Proportion) -> str:
    if not can_show_percent(p.base):
        return f"not shown (n<{config.MIN_BASE_FOR_PERCENT})" if p.base else "no data"
    return f"{p.percent:.0f}%"


def _percent_change(before: Proportion, now: Proportion) -> str | None:
    if not (can_show_percent(before.base) and can_show_percent(now.base)):
        return None
    significant = change_is_significant(before, now)
    verdict = "significant" if significant else "not significant"
    return f"{now.percent - before.percent:+.0f} pts, {verdict}"
