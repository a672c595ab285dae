"""Honest statistics: percentages with their base, Wilson intervals, and whether a change is significant.

A change is tested with the two-proportion z-test, or the exact mid-p test where an expected count is under 5; the
verdicts a page shows together hold the false discovery rate at 5% (Benjamini-Hochberg)."""

import math
from dataclasses import dataclass

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Proportion:
    positive: int
    base: int

    @property
    def percent(self) -> float | None:
        """Return the percentage positive, or None on a base of zero."""
        return 100.0 * self.positive / self.base if self.base else None


def wilson_interval(positive: int, base: int, z: float = Z95) -> tuple[float, float] | None:
    """Return the Wilson score 95% interval for a proportion, in percent, or None on a base of zero."""
    if base <= 0:
        return None
    p = positive / base
    denominator = 1 + z * z / base
    centre = (p + z * z / (2 * base)) / denominator
    half = z * math.sqrt(p * (1 - p) / base + z * z / (4 * base * base)) / denominator
    return 100.0 * max(0.0, centre - half), 100.0 * min(1.0, centre + half)


def change_is_significant(before: Proportion, after: Proportion, z: float = Z95) -> bool | None:
    """Return whether two proportions differ at the 95% level, None if untestable: one test on its own (a page showing
    several verdicts controls them together with benjamini_hochberg). The exact mid-p test where counts are small."""
    p_value, _ = change_p_value(before, after)
    if p_value is None:
        return None
    return p_value < math.erfc(z / math.sqrt(2))


# Below this expected count in any cell of the 2x2 table, the normal approximation is not trusted (Cochran's rule)
# and the exact conditional test with the mid-p correction is used instead.
MIN_EXPECTED = 5
FALSE_DISCOVERY_RATE = 0.05


def two_proportion_p(before: Proportion, after: Proportion) -> float | None:
    """Return the two-sided p-value of the pooled two-proportion z-test, None if untestable."""
    if before.base == 0 or after.base == 0:
        return None
    pooled = (before.positive + after.positive) / (before.base + after.base)
    if pooled in (0.0, 1.0):
        return 1.0  # identical all-or-nothing results cannot differ
    se = math.sqrt(pooled * (1 - pooled) * (1 / before.base + 1 / after.base))
    z = (after.positive / after.base - before.positive / before.base) / se
    return math.erfc(abs(z) / math.sqrt(2))


def _hypergeometric(before: Proportion, after: Proportion) -> tuple[list[float], int]:
    """Return the probabilities of every 2x2 table with these margins (indexed by positives after) and the index of
    the observed one."""
    positives, base = before.positive + after.positive, before.base + after.base
    low, high = max(0, positives - before.base), min(positives, after.base)
    total = math.lgamma(base + 1) - math.lgamma(positives + 1) - math.lgamma(base - positives + 1)

    def log_choose(n: int, k: int) -> float:
        return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)

    probabilities = [
        math.exp(log_choose(after.base, k) + log_choose(before.base, positives - k) - total)
        for k in range(low, high + 1)
    ]
    return probabilities, after.positive - low


def exact_p(before: Proportion, after: Proportion, mid: bool = True) -> float | None:
    """Return the two-sided p-value of Fisher's exact test (tables no more likely than the one seen), or with `mid`
    its mid-p version (tables as likely as the one seen count half), None if untestable."""
    if before.base == 0 or after.base == 0:
        return None
    probabilities, seen = _hypergeometric(before, after)
    observed = probabilities[seen] * (1 + 1e-7)  # the same tolerance scipy uses for ties
    less = sum(p for p in probabilities if p < probabilities[seen] * (1 - 1e-7))
    equal = sum(p for p in probabilities if p <= observed) - less
    return min(1.0, less + (equal / 2 if mid else equal))


def is_small_table(before: Proportion, after: Proportion) -> bool:
    """Return whether any expected count of the 2x2 table is under MIN_EXPECTED."""
    positives, base = before.positive + after.positive, before.base + after.base
    if base == 0:
        return True
    negatives = base - positives
    return min(b * c / base for b in (before.base, after.base) for c in (positives, negatives)) < MIN_EXPECTED


def change_p_value(before: Proportion, after: Proportion) -> tuple[float | None, str]:
    """Return the p-value of a change between two proportions and the test used: the exact mid-p test where an
    expected count is small, else the two-proportion z-test."""
    if is_small_table(before, after):
        return exact_p(before, after, mid=True), "exact (mid-p)"
    return two_proportion_p(before, after), "z-test"


def benjamini_hochberg(p_values: list[float | None], rate: float = FALSE_DISCOVERY_RATE) -> list[bool | None]:
    """Return which p-values stay significant when the false discovery rate over all of them is held at `rate`
    (Benjamini-Hochberg step-up); None where a p-value is missing (nothing was tested)."""
    tested = sorted((p, i) for i, p in enumerate(p_values) if p is not None and not math.isnan(p))
    m, cut = len(tested), -1
    for rank, (p, _) in enumerate(tested, start=1):
        if p <= rate * rank / m:
            cut = rank
    significant = {i for rank, (_, i) in enumerate(tested, start=1) if rank <= cut}
    return [None if p is None or math.isnan(p) else i in significant for i, p in enumerate(p_values)]
