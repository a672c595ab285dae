"""Write impact/domain/perturbation_table.csv: the cell-key method's perturbation table (ptable) for counts.

Built as the sdcTools `ptable` R package builds one for frequency counts (`create_cnt_ptable(D, V, js)`, the maximum
entropy approach of Giessing 2016): for each true count i, the published count j = i + d is drawn from a distribution
with
- maximum perturbation D: |d| <= MAX_PERTURBATION;
- no bias: the mean of d is exactly 0 (in 256ths, so exactly unbiased as published, not only before rounding);
- variance V: the variance of d is as close to VARIANCE as the 256ths allow;
- no published 1s or 2s (js = 2): j is 0 or at least 3, and never negative;
- zeros stay zeros: a true 0 is always published as 0;
- otherwise as spread out as possible (maximum entropy), so no published value points to one true value.
Each distribution is cut into 256 slots, one per cell key 0..255 (the ONS Census 2021 record key range), in order of
j; counts from CAP up share the last row. Nothing here is random (the seed below is recorded for completeness and
fixes the order ties are broken in), so running it again gives the same file.

Usage: python3 scripts/make_perturbation_table.py [output.csv]
"""

import csv
import sys
from pathlib import Path

import numpy as np

MAX_PERTURBATION = 4  # D
VARIANCE = 3.0  # V
NO_PUBLISHED_BELOW = 3  # js = 2: published counts are 0 or at least 3
CAP = MAX_PERTURBATION + NO_PUBLISHED_BELOW  # from here up every count has the same distribution
KEYS = 256
SEED = 20260401

OUT = Path(__file__).resolve().parent.parent / "impact" / "domain" / "perturbation_table.csv"


def support(count: int) -> np.ndarray:
    """Return the published values a true count may become."""
    values = np.arange(max(count - MAX_PERTURBATION, 0), count + MAX_PERTURBATION + 1)
    return values[(values == 0) | (values >= NO_PUBLISHED_BELOW)]


def max_entropy(d: np.ndarray, variance: float) -> np.ndarray:
    """Return the distribution on perturbations d with mean 0 and the given variance that has maximum entropy
    (p proportional to exp(a d + b d^2), found by Newton's method on the dual)."""
    theta = np.zeros(2)
    features = np.stack([d, d**2]).astype(float)
    target = np.array([0.0, variance])
    for _ in range(200):
        logits = theta @ features
        p = np.exp(logits - logits.max())
        p /= p.sum()
        mean = features @ p
        gradient = mean - target
        if np.abs(gradient).max() < 1e-12:
            break
        centred = features - mean[:, None]
        hessian = (centred * p) @ centred.T + 1e-12 * np.eye(2)
        theta -= np.linalg.solve(hessian, gradient)
    return p


def slots(d: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Return how many of the 256 cell keys go to each perturbation: proportional to p, summing to 256, with a mean
    of exactly 0 (each value keeps at least one key)."""
    n = np.maximum(np.round(p * KEYS).astype(int), 1)
    while n.sum() != KEYS:  # fix the total at the most likely value
        n[np.argmax(n)] += 1 if n.sum() < KEYS else -1
    while (bias := int(n @ d)) != 0:
        # Move one key from a value to another that brings the mean closest to 0, keeping the variance near V.
        moves = [(abs(bias - (d[a] - d[b])), abs((n @ d**2 - d[a] ** 2 + d[b] ** 2) / KEYS - VARIANCE), a, b)
                 for a in range(len(d)) for b in range(len(d)) if a != b and n[a] > 1]  # fmt: skip
        _, _, a, b = min(moves)
        n[a] -= 1
        n[b] += 1
    return n


def table() -> list[tuple[int, int, int]]:
    """Return rows (count, cell_key, adjustment) for counts 0..CAP (CAP stands for CAP and above)."""
    rows = [(0, key, 0) for key in range(KEYS)]
    for count in range(1, CAP + 1):
        d = support(count) - count
        n = slots(d, max_entropy(d, VARIANCE))
        adjustments = np.repeat(d, n)
        rows += [(count, key, int(adjustments[key])) for key in range(KEYS)]
    return rows


def summary(rows: list[tuple[int, int, int]]) -> str:
    """Return, per count, the published values with their probabilities, mean and variance of the change."""
    lines = []
    for count in range(CAP + 1):
        d = np.array([a for c, _, a in rows if c == count])
        values, n = np.unique(d + count, return_counts=True)
        spread = ", ".join(f"{v}: {k}/256" for v, k in zip(values, n, strict=True))
        label = f"{count}+" if count == CAP else str(count)
        lines.append(f"{label} -> {spread}  (mean change {d.mean():+.3f}, var {d.var():.2f})")
    return "\n".join(lines)


def main(out: Path = OUT) -> None:
    np.random.default_rng(SEED)  # nothing is drawn; kept so a future random tie-break stays reproducible
    rows = table()
    with out.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["count", "cell_key", "adjustment"])
        writer.writerows(rows)
    print(f"D={MAX_PERTURBATION} V={VARIANCE} js={NO_PUBLISHED_BELOW - 1} cap={CAP}: wrote {len(rows)} rows to {out}")
    print(summary(rows))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
