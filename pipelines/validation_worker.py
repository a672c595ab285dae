"""Validate frames for another process: read job files named on stdin, write each one's verdict beside it.

Started by pipelines.validate.in_background; a job is a pickled call: ("validate_together", (frames, the rules they
share)), whose verdict is each frame's list of problems, or ("failed_results", (frame, rules...)), whose verdict is
Great Expectations' results for the rules that failed. The verdict (or the exception raised) is pickled in
JOB.verdict."""

import importlib.util
import pickle
import subprocess
import sys
import types
from pathlib import Path

from impact import config

# What a job may ask for: validate whole frames (the sample build), or Great Expectations' verdict on one frame.
CALLS = {"validate_together", "failed_results"}
# Imported by Great Expectations for one expectation no suite here uses (KL divergence: scipy.stats for its sum,
# altair for its chart). In this process, which only validates, their code runs when first used instead of when
# imported: about 1.2 s and 0.4 s of a 3 s import that a 10-row file on the command line waits for.
UNUSED_BY_SUITES = ("scipy.stats", "altair")


def start() -> subprocess.Popen:
    """Return a worker process, started now: light to import, so the command line starts it before pandas."""
    # A new interpreter, not a fork: the caller may be a server with threads running. Jobs and verdicts go through
    # files, so neither side ever waits on a full pipe.
    command = [sys.executable, "-m", "pipelines.validation_worker"]
    return subprocess.Popen(command, stdin=subprocess.PIPE, cwd=config.ROOT, text=True)


def main() -> None:
    for name in UNUSED_BY_SUITES:
        defer(name)
    from pipelines import validate

    warm_up(validate)
    for line in sys.stdin:
        job = Path(line.strip())
        try:
            function, arguments = pickle.loads(job.read_bytes())
            if function not in CALLS:
                raise ValueError(f"The validation worker does not do {function}.")
            verdict = getattr(validate, function)(*arguments)
        except Exception as error:  # handed back to the caller, which raises it
            verdict = error
        # Written whole, then named: the caller may be watching for the verdict's file (BackgroundValidation.call).
        written = job.with_suffix(".written")
        written.write_bytes(pickle.dumps(verdict))
        written.replace(job.with_suffix(".verdict"))


class _OnFirstUse(types.ModuleType):
    """A module whose code runs when one of its names is first looked up, not when it is imported. Unlike importlib's
    LazyLoader, the import statement itself (which reads __spec__) does not run it. Single-threaded use only."""

    def __getattr__(self, name: str):  # only for names the module does not have yet
        self.__class__ = types.ModuleType
        self.__spec__.loader.exec_module(self)
        return getattr(self, name)


def defer(name: str) -> None:
    """Put module `name` in sys.modules, to run when first used (see _OnFirstUse); nothing if it is imported already
    or not installed."""
    spec = None if name in sys.modules else importlib.util.find_spec(name)
    if spec is None:
        return
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _OnFirstUse
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:  # `from scipy import stats` looks for the attribute first
        setattr(sys.modules[parent], child, module)


def warm_up(validate) -> None:
    """Import Great Expectations and check one value now, while the caller is still reading its files: the first
    validation in a process loads much of Great Expectations on the way."""
    import pandas as pd

    rule = {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "value"}}
    validate._failed_results(pd.DataFrame({"value": [1]}), "warm_up", "warm_up", [rule], {})


if __name__ == "__main__":
    main()
