"""Time the command-line ingest against DuckDB's own CSV load of the same file (a benchmark, not a test).

    python scripts/benchmark_ingest.py                      # 10k, 100k and 1M responses (about a minute after the work)
    python scripts/benchmark_ingest.py --sizes 10000 100000  # leave out the 1M run when short of time

For each size, an Annual SEND involvement survey export is made by resampling the shipped sample exports (seeded,
every response given its own id), then loaded by `python -m pipelines ingest` into a fresh database, and by DuckDB's
`read_csv` into a table of a fresh database (the floor), each in its own process so its peak memory is its own.
Also timed: a 10-row file end to end, `--help`, `history`, and building the sample database (`pipelines samples`).
Figures are for reading and comparing across commits (docs/performance.md), never asserted. CPU seconds (user and
system time of the process) are printed beside wall seconds: on a shared machine they vary far less.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SURVEY = "involvement"
SEED = 17
# What the measured process reports: the command's wall and CPU time, the peak resident memory of its largest process
# ("Peak MB"), and the peak of its processes' memory summed, sampled every 50 ms ("All processes MB": the command
# line validates in a worker process).
MEASURE = """
import json, os, resource, subprocess, sys, time
PAGE = os.sysconf("SC_PAGE_SIZE")

def together(pid):
    # The resident memory of the process and every process under it, summed (shared pages counted in each).
    parents, sizes = {}, {}
    for name in os.listdir("/proc"):
        try:
            with open(f"/proc/{name}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            parents[int(name)], sizes[int(name)] = int(fields[1]), int(fields[21]) * PAGE
        except (OSError, ValueError, IndexError):
            continue
    total, waiting = 0, [pid]
    while waiting:
        one = waiting.pop()
        total += sizes.get(one, 0)
        waiting += [child for child, parent in parents.items() if parent == one]
    return total

started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
all_peak = 0
while child.poll() is None:
    all_peak = max(all_peak, together(child.pid))
    time.sleep(0.05)
out = child.stdout.read()
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
peak = usage.ru_maxrss / 1024
figures = {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak, "all_peak_mb": all_peak / 1024 / 1024}
print(json.dumps({**figures, "rc": child.returncode, "out": out[-2000:]}))
"""
FLOOR = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("set enable_progress_bar = false")
started = time.perf_counter()
con.execute("create table responses as select * from read_csv(?, all_varchar = true)", [sys.argv[2]])
print(f"{time.perf_counter() - started:.4f}")
"""


def make_export(rows: int, path: Path, seed: int = SEED) -> Path:
    """Write an involvement export of `rows` responses resampled from the sample exports, each with its own id."""
    import pandas as pd

    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(SAMPLES.glob(f"{SURVEY}_*.csv"))]
    pool = pd.concat(frames, ignore_index=True)
    sample = pool.sample(n=rows, replace=True, random_state=seed).reset_index(drop=True)
    sample["Response ID"] = [str(200_000_000_000 + i) for i in range(rows)]
    sample.to_csv(path, index=False)
    return path


def measure(command: list[str], env: dict | None = None) -> dict:
    """Run one command in its own measuring process; return its seconds, peak memory (MB) and output."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    return json.loads(done.stdout)


def _env(db: Path) -> dict:
    return {**os.environ, "SEND_IMPACT_DB": str(db)}


def ingest(path: Path, folder: Path) -> dict:
    """Load the export with the command line into a fresh database."""
    db = folder / f"ingest-{path.stem}.duckdb"
    size_mb = path.stat().st_size / 1024 / 1024
    command = [sys.executable, "-m", "pipelines", "ingest", "--survey", SURVEY, str(path)]
    command += ["--max-mb", str(int(size_mb) + 2), "--max-cells", str(10**9)]
    result = measure(command, _env(db))
    if result["rc"] != 0:
        raise RuntimeError(f"ingest of {path.name} failed: {result['out']}")
    return result


def floor(path: Path, folder: Path) -> dict:
    """Load the same file with DuckDB's own CSV reader into a table of a fresh database."""
    result = measure([sys.executable, "-c", FLOOR, str(folder / f"floor-{path.stem}.duckdb"), str(path)])
    result["load_seconds"] = float(result["out"].split()[-1])
    return result


def run(sizes=(10_000, 100_000, 1_000_000), progress=None, small_runs: int = 5) -> list[dict]:
    """Return one row of figures per measurement (what, seconds, peak MB, floor, ratios); `progress(row)` is told
    each row as it is measured; the 10-row file is loaded `small_runs` times, each into a new database."""
    rows = _Rows(progress)
    with tempfile.TemporaryDirectory(prefix="benchmark-ingest-") as tmp:
        folder = Path(tmp)
        for size in sizes:
            path = make_export(size, folder / f"{SURVEY}_{size}.csv")
            base = floor(path, folder)
            mine = ingest(path, folder)
            rows.append(
                {
                    "what": f"ingest {size:,} rows ({path.stat().st_size / 1024 / 1024:,.0f} MB)",
                    "seconds": mine["seconds"],
                    "cpu_seconds": mine["cpu_seconds"],
                    "peak_mb": mine["peak_mb"],
                    "all_peak_mb": mine["all_peak_mb"],
                    "floor_seconds": base["load_seconds"],
                    "floor_process_seconds": base["seconds"],
                    "floor_cpu_seconds": base["cpu_seconds"],
                    "floor_peak_mb": base["peak_mb"],
                }
            )
        small = make_export(10, folder / f"{SURVEY}_10.csv")
        # Runs of a few seconds vary by up to a second on a shared machine: the median of several, and the range.
        runs = []
        for _ in range(small_runs):
            (folder / f"ingest-{small.stem}.duckdb").unlink(missing_ok=True)
            runs.append(ingest(small, folder))
        middle = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
        what = f"ingest a 10-row file (median of {len(runs)}: {min(r['seconds'] for r in runs):.2f} to "
        rows.append({"what": what + f"{max(r['seconds'] for r in runs):.2f} s)", **_figures(middle)})
        for what, command in [
            ("python -m pipelines --help", ["--help"]),
            ("python -m pipelines history", ["history"]),
        ]:
            small_db = folder / "ingest-involvement_10.duckdb"
            result = measure([sys.executable, "-m", "pipelines", *command], _env(small_db))
            rows.append({"what": what, **_figures(result)})
        result = measure([sys.executable, "-m", "pipelines", "samples", "--db", str(folder / "samples.duckdb")])
        if result["rc"] != 0:
            raise RuntimeError(f"samples failed: {result['out']}")
        rows.append({"what": "build the sample database", **_figures(result)})
    return rows


def _figures(result: dict) -> dict:
    return {k: result[k] for k in ("seconds", "cpu_seconds", "peak_mb", "all_peak_mb")}


class _Rows(list):
    def __init__(self, progress):
        super().__init__()
        self.progress = progress

    def append(self, row: dict) -> None:
        super().append(row)
        if self.progress:
            self.progress(row)


def table(rows: list[dict]) -> str:
    """Return the figures as a Markdown table, with the ratios to DuckDB's own load."""
    lines = [
        "| What | Seconds | CPU s | Peak MB | All processes MB | DuckDB read_csv s | DuckDB CPU s | DuckDB peak MB"
        " | Time ratio | CPU ratio | Memory ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        cells = [row["what"], f"{row['seconds']:.2f}", f"{row['cpu_seconds']:.2f}", f"{row['peak_mb']:,.0f}"]
        cells.append(f"{row['all_peak_mb']:,.0f}" if "all_peak_mb" in row else "")
        if "floor_seconds" in row:
            # The floor's seconds are DuckDB's load alone; its CPU seconds are its whole process (with Python).
            cells += [
                f"{row['floor_seconds']:.2f}",
                f"{row['floor_cpu_seconds']:.2f}",
                f"{row['floor_peak_mb']:,.0f}",
                f"{row['seconds'] / row['floor_seconds']:.0f}x",
                f"{row['cpu_seconds'] / row['floor_cpu_seconds']:.0f}x",
                f"{row['peak_mb'] / row['floor_peak_mb']:.1f}x",
            ]
        else:
            cells += [""] * 6
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--small-runs", type=int, default=5, help="how many times to load the 10-row file (median)")
    args = parser.parse_args(argv)
    progress = lambda row: print(json.dumps(row), file=sys.stderr, flush=True)  # noqa: E731
    rows = run(tuple(args.sizes), progress=progress, small_runs=args.small_runs)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
