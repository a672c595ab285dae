"""Every performance figure in one run: the ingest (scripts/benchmark_ingest.py) then the pages at a million
responses (scripts/benchmark_pages.py). Figures to read and compare across commits (docs/performance.md), not a test.

    python scripts/benchmark.py                                   # everything (about 20 minutes on 2 cores)
    python scripts/benchmark.py --sizes 10000 100000 --responses 100000 --skip-browser   # a quicker look

Each half runs in its own process, so one's memory does not count against the other's.
"""

import argparse
import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["10000", "100000", "1000000"], help="ingest sizes (rows)")
    parser.add_argument("--responses", default="1000000", help="responses in the pages' database")
    parser.add_argument("--skip-browser", action="store_true", help="leave out the first page in Chromium")
    args = parser.parse_args()
    print("## Ingest\n", flush=True)
    ingest = subprocess.run([sys.executable, SCRIPTS / "benchmark_ingest.py", "--sizes", *args.sizes])
    print("\n## Pages\n", flush=True)
    pages = [sys.executable, SCRIPTS / "benchmark_pages.py", "--responses", args.responses]
    pages += ["--skip-browser"] if args.skip_browser else []
    return ingest.returncode or subprocess.run(pages).returncode


if __name__ == "__main__":
    sys.exit(main())
