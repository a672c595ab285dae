"""Time every dashboard page on a database of a million responses: queries uncached and cached, server memory, and
the first page in a real browser. Figures to read and compare across commits, not a test
(docs/performance.md, "Pages at a million responses").

    python scripts/benchmark_pages.py                      # 1M responses, every page, the browser too
    python scripts/benchmark_pages.py --responses 100000 --skip-browser --pages Impact Reach

The sample database is built once through the real pipeline (`python -m pipelines samples --force`), then resampled
in SQL to the size asked for (every response copied with a new id, tool id and record key, with its answers); both
are kept under --workdir and reused. Each run works on a fresh copy, so new migrations are applied (and timed) on it.

Each page runs in its own process under Streamlit's AppTest (through app.py, opened at the page as a link would),
once per filter scenario (none, workstream B4, a respondent group): first with an empty cache and a fresh connection
("uncached": time inside the page's query functions, all of which go through ui.cached, on the wall clock and as CPU
time of all the process's threads, which a busy machine disturbs less; "page run" is the whole
script run, imports and charts included), then again ("cached": the same calls, answered by st.cache_data). "peak MB"
is the process's maximum resident memory: the server with one page, Python and Streamlit included (about
"baseline_mb" before the page runs). The browser figure is `streamlit run` on the same copy and headless Chromium:
from navigation to the first headline number visible on Home, on a fresh server and again in a new tab.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "send-impact-benchmark"
PAGES = {
    "Home": "pages/home.py",
    "Impact": "pages/impact.py",
    "Reach": "pages/reach.py",
    "Quality": "pages/quality.py",
    "Action plan": "pages/action_plan.py",
    "Scorecard": "pages/scorecard.py",
}
# The address each scenario opens the page with (the shared filters, queries.filters.PARAMS).
SCENARIOS = {
    "all": {},
    "B4": {"workstream": "B4"},
    "group": {"who": "parent-carer", "area": "north"},
}
# Pages whose group filters apply; the others are timed with no filter and with B4 only.
GROUP_PAGES = {"Impact", "Reach"}
CHILD_TIMEOUT = 900


def build_sample(path: Path) -> None:
    """Build the sample database at `path` through the real pipeline (about a minute)."""
    env = {**os.environ, "SEND_IMPACT_DB": str(path)}
    subprocess.run([sys.executable, "-m", "pipelines", "samples", "--force"], cwd=ROOT, env=env, check=True)


def resample(sample: Path, path: Path, responses: int) -> None:
    """Write a database of `responses` responses at `path`: the sample's responses copied over and over (the last
    copy cut short), each copy with new response ids, tool ids and record keys, and its answers and loads."""
    import duckdb

    building = path.with_name(path.name + ".building")
    building.unlink(missing_ok=True)
    shutil.copy(sample, building)
    con = duckdb.connect(str(building))
    try:
        n, stride = con.execute("select count(*), max(response_id) from responses").fetchone()
        copies = -(-responses // n)
        con.execute("create temp table copy_ids as select range as copy from range(1, $copies)", {"copies": copies})
        # The first `responses` responses in (copy, response id) order: the originals are copy 0.
        con.execute(
            """create temp table new_ids as
            select response_id, copy, response_id + copy * $stride as new_id
            from (select r.response_id, c.copy, row_number() over (order by c.copy, r.response_id) as n
                  from responses r, copy_ids c)
            where n <= $wanted - (select count(*) from responses)""",
            {"stride": stride, "wanted": responses},
        )
        con.execute(
            """insert into responses by name
            select r.* replace (
                n.new_id as response_id,
                r.source_response_id || '~' || n.copy as source_response_id,
                (hash(r.survey || r.source_response_id || '~' || n.copy) % 256)::utinyint as record_key)
            from responses r join new_ids n using (response_id)"""
        )
        con.execute(
            """insert into answers by name
            select a.* replace (n.new_id as response_id) from answers a join new_ids n using (response_id)"""
        )
        con.execute(
            """insert into upload_responses by name
            select u.* replace (n.new_id as response_id) from upload_responses u join new_ids n using (response_id)"""
        )
        tables = {row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()}
        if "response_workstreams" in tables:  # the workstreams each copy evidences are its original's (067)
            con.execute(
                """insert into response_workstreams by name
                select w.* replace (n.new_id as response_id)
                from response_workstreams w join new_ids n using (response_id)"""
            )
        if "answer_cells" in tables:  # the counted cells (080-082) follow the copies
            from impact.store import cells

            cells.rebuild(con)
        con.execute("checkpoint")
    finally:
        con.close()
    building.replace(path)


def databases(workdir: Path, responses: int) -> Path:
    """Return the resampled database of `responses` responses under `workdir`, building what is missing."""
    workdir.mkdir(parents=True, exist_ok=True)
    sample = workdir / "sample.duckdb"
    if not sample.exists():
        build_sample(sample)
    big = workdir / f"responses-{responses}.duckdb"
    if not big.exists():
        started = time.perf_counter()
        resample(sample, big, responses)
        print(f"Resampled {responses:,} responses in {time.perf_counter() - started:.1f} s: {big}", file=sys.stderr)
    return big


def working_copy(big: Path, workdir: Path) -> tuple[Path, float]:
    """Copy the cached database for this run and bring its schema up to date; return it and the migration time."""
    copy = workdir / "run.duckdb"
    for stale in (copy, Path(f"{copy}.wal")):
        stale.unlink(missing_ok=True)
    shutil.copy(big, copy)
    started = time.perf_counter()
    # In its own process: a forked page process starts with its parent's peak memory (Linux keeps ru_maxrss across
    # fork and exec), so migrations that fill tables here would inflate every page's "peak MB".
    migrate = "import sys; from impact.store import db; db.connect(sys.argv[1]).close()"
    subprocess.run([sys.executable, "-c", migrate, str(copy)], cwd=ROOT, check=True)
    return copy, time.perf_counter() - started


def time_page(database: Path, page: str, scenario: str) -> dict:
    """Run one page (in a new process) under AppTest and return its timings and peak memory."""
    command = [sys.executable, __file__, "--child", page, scenario, str(database)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=CHILD_TIMEOUT)
    if done.returncode != 0:
        raise RuntimeError(f"{page} ({scenario}) failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def child(page: str, scenario: str, database: str) -> None:
    """In the page's own process: run it uncached then cached, print one JSON line of figures."""
    os.environ["SEND_IMPACT_DB"] = database
    os.environ.setdefault("SEND_IMPACT_LOCAL_ROLE", "admin")
    os.chdir(ROOT)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from impact.views import ui

    calls: list[dict] = []
    original = ui.cached

    def timed_cached(query):
        def timed_query(con, *args):
            started, cpu = time.perf_counter(), time.process_time()
            result = query(con, *args)
            calls.append({
                "query": query.__name__,
                "miss_ms": 1000 * (time.perf_counter() - started),
                # CPU of every thread of the process: steadier than the wall clock on a shared machine
                "miss_cpu_ms": 1000 * (time.process_time() - cpu),
            })  # fmt: skip
            return result

        # The cache key names the query (ui.cached), so the wrapper keeps its name.
        timed_query.__module__, timed_query.__qualname__ = query.__module__, query.__qualname__
        timed_query.__name__ = query.__name__
        wrapped = original(timed_query)

        def call(*args):
            started = time.perf_counter()
            result = wrapped(*args)
            calls.append({"query": query.__name__, "call_ms": 1000 * (time.perf_counter() - started)})
            return result

        call.__name__ = query.__name__
        return call

    ui.cached = timed_cached
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=CHILD_TIMEOUT)
    at.query_params.update(SCENARIOS[scenario])
    at.switch_page(PAGES[page])  # opened straight away, as a link to the page would be
    baseline_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def one_run() -> dict:
        calls.clear()
        started = time.perf_counter()
        at.run()
        render = 1000 * (time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(str(at.exception))
        return {
            "render_ms": render,
            "query_ms": sum(c.get("miss_ms", 0) for c in calls),
            "query_cpu_ms": sum(c.get("miss_cpu_ms", 0) for c in calls),
            "call_ms": sum(c.get("call_ms", 0) for c in calls),
            "misses": sum("miss_ms" in c for c in calls),
            "slowest": sorted(
                ((c["query"], round(c["miss_ms"], 1)) for c in calls if "miss_ms" in c), key=lambda q: -q[1]
            )[:4],
        }

    st.cache_data.clear()
    uncached = one_run()
    cached = one_run()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "page": page,
                "scenario": scenario,
                "uncached": uncached,
                "cached": cached,
                "peak_mb": peak_mb,
                "baseline_mb": baseline_mb,
            }
        )
    )


def first_page_in_browser(database: Path) -> dict:
    """Return the ms from navigation to Home's first headline number, on a fresh server and again in a new tab."""
    from tests.browser import chromium_browser, running_dashboard

    figures = {}
    with running_dashboard(database, SEND_IMPACT_LOCAL_ROLE="viewer") as url, chromium_browser() as browser:
        for name in ("first visit", "second tab"):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            tab = context.new_page()
            started = time.perf_counter()
            tab.goto(url)
            tab.locator('[data-testid="stMetricValue"]').first.wait_for(state="visible", timeout=120_000)
            figures[name] = 1000 * (time.perf_counter() - started)
            context.close()
    return figures


def run(
    responses: int = 1_000_000,
    workdir: Path = DEFAULT_WORKDIR,
    pages: list[str] | None = None,
    scenarios: list[str] | None = None,
    browser: bool = True,
) -> list[dict]:
    """Time every page (or those named) under each filter scenario; return one dict per page and scenario, plus one
    for the browser ("page": "Home in a browser") unless browser is False."""
    big = databases(Path(workdir), responses)
    copy, migrate_s = working_copy(big, Path(workdir))
    print(f"Working copy {copy} (migrations applied in {migrate_s:.1f} s)", file=sys.stderr)
    results = []
    for page in pages or list(PAGES):
        for scenario in scenarios or list(SCENARIOS):
            if scenario == "group" and page not in GROUP_PAGES:
                continue
            result = time_page(copy, page, scenario)
            print(_line(result), file=sys.stderr)
            results.append(result)
    if browser:
        results.append({"page": "Home in a browser", **first_page_in_browser(copy)})
    return results


def _line(r: dict) -> str:
    u, c = r["uncached"], r["cached"]
    return (
        f"{r['page']:<12} {r['scenario']:<6} {u['query_ms']:>9.0f} {u['query_cpu_ms']:>8.0f} {u['render_ms']:>10.0f} "
        f"{c['call_ms']:>8.0f} "
        f"{c['render_ms']:>9.0f} {r['peak_mb']:>8.0f}   {', '.join(f'{q} {ms:.0f}' for q, ms in u['slowest'])}"
    )


def print_table(results: list[dict]) -> None:
    """Print one row per page and scenario: queries and whole run, uncached and cached, and peak memory."""
    print(
        f"{'page':<12} {'filter':<6} {'queries':>9} {'CPU':>8} {'page run':>10} {'queries':>8} {'page run':>9} "
        f"{'peak':>8}   slowest queries uncached (ms)"
    )
    print(f"{'':<12} {'':<6} {'uncached ms':>29} {'cached ms':>18} {'MB':>8}")
    for r in results:
        if "uncached" in r:
            print(_line(r))
        else:
            print(f"{r['page']}: first visit {r['first visit']:.0f} ms, second tab {r['second tab']:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help="where the databases are kept")
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), help="only these pages")
    parser.add_argument("--scenarios", nargs="*", choices=list(SCENARIOS), help="only these filters")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    results = run(args.responses, args.workdir, args.pages, args.scenarios, not args.skip_browser)
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
