"""Validate frames for another process: read job files named on stdin, write each one's problems beside it.

Started by pipelines.validate.in_background; a job is pickled frames and the rules they share (validate()'s other
arguments), its verdict each frame's list of problems (or the exception raised), pickled in JOB.verdict."""

import pickle
import sys
from pathlib import Path

from pipelines import validate


def main() -> None:
    validate._context()  # import Great Expectations now, while the caller is still reading its files
    for line in sys.stdin:
        job = Path(line.strip())
        try:
            frames, rules = pickle.loads(job.read_bytes())
            verdict = validate.validate_together(frames, *rules)
        except Exception as error:  # handed back to the caller, which raises it
            verdict = error
        # Written whole, then named: the caller may be watching for the verdict's file (BackgroundValidation.check).
        written = job.with_suffix(".written")
        written.write_bytes(pickle.dumps(verdict))
        written.replace(job.with_suffix(".verdict"))


if __name__ == "__main__":
    main()
