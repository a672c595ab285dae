"""Print the disclosure figures for a database: what the automated differencing attack (tests/disclosure_attack.py)
recovers with counts published as they are ("c" for 1-4, before issue 12) and with the cell-key method, and how far
published counts are from the truth.

Usage: python3 scripts/disclosure_figures.py [database]   (default: SEND_IMPACT_DB or data/impact.duckdb)
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from impact import config  # noqa: E402
from impact.store import db  # noqa: E402
from tests import disclosure_attack as attack  # noqa: E402


def recovered(results: list) -> tuple[int, int, int]:
    """Return small cells searched, recovered exactly, and recovered among those the pages hide (true 1-4)."""
    small = sum(r.small_cells for r in results)
    found = [true for r in results for _, true in r.recovered]
    return small, len(found), sum(1 <= t < config.SUPPRESS_BELOW for t in found)


def accuracy(con, table: np.ndarray) -> str:
    """Return the mean absolute and largest change of published response counts by quarter and each field."""
    changes, totals = [], []
    for field in attack.RESPONSE_FIELDS:
        rows = con.execute(
            f"select count(*), sum(record_key)::bigint from responses group by quarter, {field}"
        ).fetchall()  # the field's name comes from the fixed list above, never from a user
        n, k = np.array([r[0] for r in rows]), np.array([r[1] for r in rows])
        changes += list(attack.published(table, n, k) - n)
        totals += list(n)
    changes, totals = np.abs(np.array(changes)), np.array(totals)
    share = 100 * changes.sum() / totals.sum()
    return (
        f"{len(changes)} response counts (quarter by each field): mean change {changes.mean():.2f}, largest "
        f"{changes.max()}, {100 * (changes == 0).mean():.0f}% unchanged; total change {share:.2f}% of all counted"
    )


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else config.database_path()
    con = db.connect(path)
    table = attack.perturbation_table(con)
    before = recovered(attack.attack_everything(con, np.zeros((1, 256), dtype=int), shows_c=True))
    after = recovered(attack.attack_everything(con, table))
    print(f"Database: {path}")
    print(f"Small cells (true count 1-9) the attack searched: {before[0]}")
    print(f"Recovered exactly, no perturbation and 'c' for 1-4:    {before[1]} (of which hidden as c: {before[2]})")
    print(f"Recovered exactly, cell-key perturbation:               {after[1]} (of which hidden as c: {after[2]})")
    print(accuracy(con, table))


if __name__ == "__main__":
    main()
