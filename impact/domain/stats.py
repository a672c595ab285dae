"""Honest statistics: percentages with their base, Wilson intervals, and whether a change is significant."""

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
    """Return whether two proportions differ at the 95% level (two-proportion z-test), None if untestable."""
    if before.base == 0 or after.base == 0:
        return None
    pooled = (before.positive + after.positive) / (before.base + after.base)
    if pooled in (0.0, 1.0):
        return False  # identical all-or-nothing results cannot differ
    se = math.sqrt(pooled * (1 - pooled) * (1 / before.base + 1 / after.base))
    return abs(after.positive / after.base - before.positive / before.base) / se >= z
