"""The participation audit's words and numbers: which services lag, what changed, and who has not returned."""

import pandas as pd

from impact.domain.periods import financial_year, quarter_start
from impact.views.quality_summary import listing, md, share


def audit_year_for(years: list[str], last_quarter: str) -> str | None:
    """Return the latest audit year that started by the end of the period (else the earliest there is)."""
    period_year = financial_year(quarter_start(last_quarter))
    started = [y for y in years if y <= period_year]
    return started[-1] if started else (years[0] if years else None)


def audit_takeaway(by_service: pd.DataFrame, not_returned: pd.DataFrame, year: str) -> str:
    """Return the services furthest behind and those that have not returned this year's audit."""
    parts = []
    if not by_service.empty:
        frame = by_service.assign(rate=by_service["embedded"] / by_service["applicable"])
        lagging = frame[frame["rate"] < 0.5].sort_values("rate")
        if lagging.empty:
            parts.append(f"Every service that returned its {year} audit has at least half its priorities embedded.")
        else:
            named = [f"{md(r.service)} ({r.embedded} of {r.applicable} embedded)" for r in lagging.itertuples()]
            verb = "lags" if len(named) == 1 else "lag"
            parts.append(f"{listing(named)} {verb} behind in {year}: under half their priorities are embedded.")
    if not not_returned.empty:
        names = listing([md(s) for s in not_returned["service"]])
        count = len(not_returned)
        parts.append(f"{count} service{'s have' if count > 1 else ' has'} not returned a {year} audit: {names}.")
    return " ".join(parts) or f"No audits were returned for {year}."


def change_mark(rating: str, last_year: object) -> str:
    """Return '▲ better', '▼ worse', '= same' or 'new' for a rating against last year's."""
    if not isinstance(last_year, str):
        return "new"
    order = {"Not started": 0, "In progress": 1, "Embedded": 2}
    if rating not in order or last_year not in order or order[rating] == order[last_year]:
        return "= same" if rating == last_year else "changed"
    return "▲ better" if order[rating] > order[last_year] else "▼ worse"


def services_table(by_service: pd.DataFrame, year: str) -> pd.DataFrame:
    """Return per service its ratings this year and embedded last year."""
    last = [
        f"{e:.0f} of {a:.0f}" if pd.notna(a) else "no audit"
        for e, a in zip(by_service["embedded_last_year"], by_service["applicable_last_year"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Service": by_service["service"],
            f"Embedded {year}": [
                share(e, a) for e, a in zip(by_service["embedded"], by_service["applicable"], strict=True)
            ],
            "In progress": by_service["in_progress"],
            "Not started": by_service["not_started"],
            "Embedded the year before": last,
        }
    )


def audit_table(grid: pd.DataFrame) -> pd.DataFrame:
    """Return every rating with last year's, the change, required actions and next steps."""
    return pd.DataFrame(
        {
            "Service": grid["service"],
            "Priority": grid["priority"],
            "Rating": grid["rating"],
            "Last year": grid["last_year_rating"].fillna("no rating"),
            "Change": [change_mark(r, p) for r, p in zip(grid["rating"], grid["last_year_rating"], strict=True)],
            "Required actions": grid["required_actions"].fillna(""),
            "Next steps": grid["next_steps"].fillna(""),
        }
    )
