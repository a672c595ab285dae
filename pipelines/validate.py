"""Validate a normalised frame with its Great Expectations suite and say what failed in plain English."""

import datetime as dt
import json
import pickle
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar, copy_context
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from impact import config
from impact.domain.periods import future_quarters
from pipelines import validation_worker

# Column names as an officer would say them.
FIELD_LABELS = {
    "source_response_id": "response ID",
    "submitted_at": "date submitted",
    "respondent_type": "respondent type ('I am a...')",
    "age_years": "age",
    "age_band": "age",
    "primary_need": "primary need",
    "support_level": "support level",
    "locality": "area",
    "setting_type": "setting",
    "action_code": "action code",
    "accountable_group": "accountable group",
    "lead_role": "lead role",
    "inspection_area": "inspection area",
    "start_date": "start date",
    "due_date": "due date",
    "rag": "RAG",
    "percent_complete": "percent complete",
}
# Raw columns kept beside parsed ones, so examples show what the file said.
RAW_COLUMNS = {"submitted_at": "submitted_at_raw", "age_band": "age_raw", "age_years": "age_raw"}
MAX_EXAMPLES = 5
# A frame at least this long has its rules that look at one value at a time checked on each column's distinct values
# (see _distinct_problems): at a million rows that is seconds less, and the failing rows are still named.
DISTINCT_FROM_ROWS = 20_000
# With no wave chosen, every date is inside it.
ANY_WAVE = {"wave_start": "1900-01-01T00:00:00", "wave_end": "2999-12-31T23:59:59"}


@dataclass
class Problem:
    """One failed rule: which column, what rule, how many rows, which rows, example values."""

    column: str
    rule: str
    count: int
    rows: list[int] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def sentence(self) -> str:
        """Return the problem as one plain-English sentence."""
        if not self.rows:
            return self.rule
        shown = ", ".join(str(r) for r in self.rows[:10]) + (" and more" if len(self.rows) > 10 else "")
        where = f"row {shown}" if self.count == 1 else f"{self.count} rows ({shown})"
        text = f"Column '{self.column}': {self.rule} in {where}"
        if self.examples:
            text += ", for example " + ", ".join(f"'{e}'" for e in self.examples)
        return text + "."


@cache
def load_suite_json(name: str) -> dict:
    """Return the suite stored as expectations/NAME.json."""
    return json.loads((config.EXPECTATIONS_DIR / f"{name}.json").read_text())


def validate(
    frame: pd.DataFrame,
    suite_name: str,
    parameters: dict | None = None,
    labels: dict | None = None,
    extra: list[dict] | None = None,
) -> list[Problem]:
    """Return the problems Great Expectations finds in the frame (an empty list when it passes).

    `extra` adds expectations to the stored suite for this run (for questions the officer added in the app);
    `parameters` may give the wave as wave_start, wave_end and wave_label (any date is inside it otherwise)."""
    data = load_suite_json(suite_name)
    expectations = [{k: v for k, v in e.items() if k != "id"} for e in [*data["expectations"], *(extra or [])]]
    frame = _columns_read(frame, expectations)
    if (worker := _background.get()) is not None and not worker.waits:
        worker.submit(frame, suite_name, parameters, labels, extra)
        return []  # the verdict is read from the worker at the end (see in_background)
    frame = frame.reset_index(drop=True)
    started = {"future_quarters": future_quarters(dt.date.today())}  # quarters nothing may be recorded for yet
    parameters = {**ANY_WAVE, "now": dt.datetime.now().isoformat(), **started, **(parameters or {})}
    labels = {**FIELD_LABELS, **(labels or {})}
    if len(frame) >= DISTINCT_FROM_ROWS:
        return _distinct_problems(frame, data["name"], suite_name, expectations, parameters, labels)
    failed = _failed(_comparable(frame), data["name"], suite_name, expectations, parameters)
    # A rule on a missing column fails with an exception; the missing column is reported once instead.
    return [_problem(r, frame, labels, parameters) for r in failed if _reported(r, frame)]


def _failed(*arguments) -> list:
    """Return _failed_results(...), worked out in the worker process when there is one waiting (in_worker)."""
    worker = _background.get()
    if worker is not None and worker.waits:
        return worker.call("failed_results", *arguments)
    return _failed_results(*arguments)


def failed_results(*arguments) -> list[SimpleNamespace]:
    """Return _failed_results(...) as plain objects with the same attributes, for another process."""
    return [
        SimpleNamespace(
            success=r.success,
            exception_info=r.exception_info,
            result={"unexpected_index_list": r.result.get("unexpected_index_list")},
            expectation_config=SimpleNamespace(
                type=r.expectation_config.type, kwargs=dict(r.expectation_config.kwargs), meta=r.expectation_config.meta
            ),
        )
        for r in _failed_results(*arguments)
    ]


def _failed_results(frame: pd.DataFrame, name: str, suite_name: str, expectations: list[dict], parameters: dict):
    """Return Great Expectations' results for the rules the frame fails, each with its failing rows' indices."""
    if not expectations:
        return []
    batch = _batch_definition(suite_name).get_batch(batch_parameters={"dataframe": frame})
    try:
        # Pass or fail first (a third of the work of collecting failing rows); then only the rules that failed are
        # run again to find their rows and examples. Most files pass every rule.
        suite = _suite(name, json.dumps(expectations, sort_keys=True, default=str))
        result = batch.validate(suite, result_format="BOOLEAN_ONLY", expectation_parameters=parameters)
        if all(r.success for r in result.results):
            return []
        same_order = len(result.results) == len(expectations) and all(
            _same_rule(r, e) for e, r in zip(expectations, result.results, strict=False)
        )
        failed = expectations
        if same_order:
            failed = [e for e, r in zip(expectations, result.results, strict=True) if not r.success]
        suite = _suite(name, json.dumps(failed, sort_keys=True, default=str))
        result = batch.validate(suite, result_format="COMPLETE", expectation_parameters=parameters)
        return [r for r in result.results if not r.success]
    finally:
        _release(batch)


def _same_rule(result, expectation: dict) -> bool:
    config_ = result.expectation_config
    return config_.type == expectation["type"] and config_.kwargs.get("column") == expectation["kwargs"].get("column")


def _release(batch) -> None:
    """Forget the frame Great Expectations cached for the batch, so it is freed once the caller lets it go."""
    manager = getattr(getattr(batch.data, "execution_engine", None), "batch_manager", None)
    if manager is not None:
        manager.batch_data_cache.clear()
        manager.reset_batch_cache()


def _reported(result, frame: pd.DataFrame) -> bool:
    return not result.success and (
        _columns_present(result, frame) or result.expectation_config.type == "expect_column_to_exist"
    )


def _columns_read(frame: pd.DataFrame, expectations: list[dict]) -> pd.DataFrame:
    """Return the frame with only the columns the rules read, and those their messages show (the row numbers and
    the values as given): Great Expectations copies what it is given, and a survey frame has about 40 columns."""
    named = {"row_number", *_named(expectations)}
    named |= {RAW_COLUMNS.get(name) for name in list(named)} | {f"{name}_raw" for name in named if name}
    columns = [name for name in frame.columns if name in named]
    return frame if len(columns) == len(frame.columns) else frame[columns]


def _distinct_problems(frame, name, suite_name, expectations, parameters, labels) -> list[Problem]:
    """Return the problems of a long frame, rules that look at one value at a time checked on each column's distinct
    values (a few hundred where the file has a million rows), their failing values then traced back to rows."""
    per_value = [i for i, e in enumerate(expectations) if _per_value(e, frame)]
    whole = [i for i in range(len(expectations)) if i not in set(per_value)]
    checked = []
    if whole:
        rules = [expectations[i] for i in whole]
        rows = _comparable(frame[[c for c in frame.columns if c in _named(rules)] or ["row_number"]])
        failed = _failed(rows, name, suite_name, rules, parameters)
        del rows
        checked += [(i, r, None) for i, r in _in_rule_order(failed, rules, whole)]
    if per_value:
        rules = [expectations[i] for i in per_value]
        distinct = _Distinct(_comparable(frame), rules)
        failed = _failed(distinct.frame, name, suite_name, rules, parameters)
        checked += [(i, r, distinct) for i, r in _in_rule_order(failed, rules, per_value)]
    # In the order Great Expectations gives for the whole frame: rules that could not run first, then suite order.
    checked.sort(key=lambda item: (not _raised(item[1]), item[0]))
    return [
        _problem(r, frame, labels, parameters, None if values is None else values.rows(r))
        for _, r, values in checked
        if _reported(r, frame)
    ]


# Rules that look at each value on its own, with the arguments they may have to be checked on distinct values.
PER_VALUE = {
    "expect_column_values_to_be_in_set": {"column", "value_set"},
    "expect_column_values_to_not_be_in_set": {"column", "value_set"},
    "expect_column_values_to_match_regex": {"column", "regex"},
    "expect_column_values_to_be_between": {"column", "min_value", "max_value"},
    "expect_column_values_to_not_be_null": {"column"},
}
NOT_NULL = "expect_column_values_to_not_be_null"
EXISTS = "expect_column_to_exist"  # on the distinct values too, when the column is there


def _per_value(expectation: dict, frame: pd.DataFrame) -> bool:
    allowed = {**PER_VALUE, EXISTS: {"column"}}.get(expectation["type"])
    kwargs = expectation["kwargs"]
    return allowed is not None and set(kwargs) <= allowed and kwargs.get("column") in frame


def _named(rules: list[dict]) -> set[str]:
    named = set()
    for rule in rules:
        kwargs = rule["kwargs"]
        named |= {kwargs.get("column"), kwargs.get("column_A"), kwargs.get("column_B"), *kwargs.get("column_list", [])}
        if condition := kwargs.get("row_condition"):
            named |= set(re.findall(r"[A-Za-z_]\w*", json.dumps(condition)))
    return named


class _Distinct:
    """Each column's distinct values as a frame for Great Expectations, and the rows that hold each value.

    A column checked only for blanks (or for being there) is reduced to one value and one blank (if it has any).
    Columns are made as long as the longest by repeating their first values, which pass or fail as they do already."""

    def __init__(self, frame: pd.DataFrame, rules: list[dict]):
        columns = list(dict.fromkeys(rule["kwargs"]["column"] for rule in rules))
        kinds = {c: {r["type"] for r in rules if r["kwargs"]["column"] == c} for c in columns}
        only_blanks = {c for c in columns if kinds[c] <= {NOT_NULL, EXISTS}}
        self._codes, self._kinds, firsts = {}, {}, {}
        for column in columns:
            values = frame[column]
            if column in only_blanks:
                codes = values.isna().to_numpy().astype(np.int64)  # 0 a value, 1 a blank
            else:
                codes, _ = pd.factorize(values, use_na_sentinel=True)
                codes = np.where(codes < 0, codes.max(initial=-1) + 1, codes)  # blanks: one code after the values
            self._kinds[column], firsts[column] = np.unique(codes, return_index=True)
            self._codes[column] = codes
        longest = max(len(rows) for rows in firsts.values())
        self.frame = pd.DataFrame(
            {
                column: frame[column]
                .iloc[np.resize(rows, longest) if len(rows) < longest else rows]
                .reset_index(drop=True)
                for column, rows in firsts.items()
            }
        )

    def rows(self, result) -> list[int]:
        """Return the positions of the rows whose value failed the rule (its failing distinct values' rows)."""
        column = result.expectation_config.kwargs["column"]
        kinds = self._kinds[column]
        failing = [kinds[i % len(kinds)] for i in result.result.get("unexpected_index_list") or []]
        return np.flatnonzero(np.isin(self._codes[column], failing)).tolist()


def _in_rule_order(results, rules: list[dict], numbers: list[int]) -> list[tuple[int, object]]:
    """Return (the rule's number in the suite, result) for each result, matched to its rule."""
    unused = list(range(len(rules)))
    matched = []
    for result in results:
        i = next((i for i in unused if _same_rule(result, rules[i])), unused[0])
        unused.remove(i)
        matched.append((numbers[i], result))
    return matched


def _raised(result) -> bool:
    return bool(result.exception_info and result.exception_info.get("raised_exception"))


def validate_together(frames: list[pd.DataFrame], *rules) -> list[list[Problem]]:
    """Return each frame's problems under the same rules (validate's other arguments), checking them as one frame
    first: Great Expectations' cost is mostly per run, not per row, and most frames pass.

    Every rule in the suites is row by row (no `mostly`) or a uniqueness rule, and the frames have the same columns,
    so the frames together pass only if each passes; if together they fail, each is checked again on its own, so
    each problem names its own rows."""
    if len(frames) > 1 and not validate(pd.concat(frames, ignore_index=True), *rules):
        return [[] for _ in frames]
    return [validate(frame, *rules) for frame in frames]


class BackgroundValidation:
    """Validations handed to one worker process (pipelines/validation_worker.py): whole frames, read at the end
    (in_background), or with `waits` Great Expectations' part of each validation, waited for (in_worker)."""

    def __init__(self, waits: bool = False, worker: subprocess.Popen | None = None):
        self._folder = tempfile.TemporaryDirectory(prefix="send-impact-validation-")
        self._worker = worker or validation_worker.start()
        self._jobs: list[tuple[list[str], Path]] = []
        self._waiting: list[tuple[str, pd.DataFrame]] = []  # consecutive frames under the same rules
        self._rules: tuple = ()
        self._written = 0
        self.waits = waits
        self.source = ""  # what the next validations belong to (a file name), for the verdicts

    def submit(self, frame: pd.DataFrame, *rules) -> None:
        rules = (*rules, list(frame.columns))
        if self._waiting and pickle.dumps(rules) != pickle.dumps(self._rules):
            self._send()
        self._waiting.append((self.source, frame))
        self._rules = rules

    def call(self, function: str, *arguments):
        """Return pipelines.validate.FUNCTION(*arguments), run in the worker now (it imported Great Expectations
        while this process read the file)."""
        if self._waiting:
            self._send()
        job = self._write((function, arguments))
        verdict = job.with_suffix(".verdict")
        while not verdict.exists():
            if self._worker.poll() is not None:
                raise RuntimeError(f"The validation worker stopped with exit code {self._worker.returncode}.")
            time.sleep(0.005)
        answer = pickle.loads(verdict.read_bytes())
        job.unlink()
        verdict.unlink()
        if isinstance(answer, Exception):
            raise answer
        return answer

    def _send(self) -> None:
        job = self._write(("validate_together", ([frame for _, frame in self._waiting], *self._rules[:-1])))
        self._jobs.append(([source for source, _ in self._waiting], job))
        self._waiting = []

    def _write(self, call: tuple) -> Path:
        self._written += 1
        job = Path(self._folder.name) / f"{self._written}.job"
        job.write_bytes(pickle.dumps(call))
        self._worker.stdin.write(f"{job}\n")
        self._worker.stdin.flush()
        return job

    def failures(self) -> list[tuple[str, list[Problem]]]:
        """Wait for every validation; return (source, problems) for each that found any, in the order given."""
        if self._waiting:
            self._send()
        self._worker.stdin.close()
        if code := self._worker.wait():
            raise RuntimeError(f"The validation worker stopped with exit code {code}.")
        found = []
        for sources, job in self._jobs:
            verdicts = pickle.loads(job.with_suffix(".verdict").read_bytes())
            if isinstance(verdicts, Exception):
                raise verdicts
            found += [(source, problems) for source, problems in zip(sources, verdicts, strict=True) if problems]
        return found

    def close(self) -> None:
        if self._worker.poll() is None:
            self._worker.kill()
            self._worker.wait()
        self._folder.cleanup()


_background: ContextVar[BackgroundValidation | None] = ContextVar("background_validation", default=None)


@contextmanager
def in_background(waits: bool = False, worker: subprocess.Popen | None = None):
    """Within the block, validate() hands each frame to a worker process and returns no problems at once; the
    caller must read `failures()` before trusting anything it did with the frames.

    Only for work that is thrown away whole if any frame fails (the sample database build, into a file that is
    swapped in at the end): importing Great Expectations (seconds) and validating then overlap the reading,
    normalising and loading of the other files, on a second core. With `waits`, validate() waits for each frame's
    verdict instead (see in_worker); `worker` is a worker process started already (validation_worker.start)."""
    validation = BackgroundValidation(waits, worker)
    token = _background.set(validation)
    try:
        yield validation
    finally:
        _background.reset(token)
        validation.close()


@contextmanager
def in_worker(worker: subprocess.Popen | None = None):
    """Within the block, validate() has Great Expectations check each frame (or its distinct values) in a worker
    process (`worker`, else one started now), and waits for it: the worker imports Great Expectations (seconds)
    while this process reads and normalises the file, and the failing rows are found here as ever.

    For the command line, whose every run is a new process. Where Great Expectations is imported already (a test
    run, the dashboard), validation stays in this process."""
    if "great_expectations" in sys.modules:
        if worker is not None:
            worker.kill()
            worker.wait()
        yield None
        return
    with in_background(waits=True, worker=worker) as validation:
        yield validation


def beside(function, *arguments) -> Future:
    """Return a Future of function(*arguments), run in a thread when Great Expectations' verdicts come from a worker
    process that is waited for (in_worker: the command line), so the caller can load the file while the worker
    finishes importing Great Expectations and checks it; run now otherwise (the dashboard, the sample build)."""
    worker = _background.get()
    if worker is None or not worker.waits:
        future = Future()
        try:
            future.set_result(function(*arguments))
        except Exception as error:
            future.set_exception(error)
        return future
    threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checking")
    # Run in this context, so validate() in the thread finds the worker; the pool's thread ends when it is done.
    future = threads.submit(copy_context().run, function, *arguments)
    threads.shutdown(wait=False)
    return future


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame with dates in nanoseconds and whole numbers as floats: Great Expectations compares those
    column by column, and other types value by value in Python (seconds at a million rows). Same verdicts."""
    changed = {}
    for name, column in frame.items():
        if pd.api.types.is_datetime64_dtype(column.dtype) and column.dtype != "datetime64[ns]":
            try:
                changed[name] = column.astype("datetime64[ns]")
            except (OverflowError, ValueError):  # a date beyond 2262: left as it is, checked value by value
                continue
        elif isinstance(column.dtype, pd.Int64Dtype):
            changed[name] = column.astype("float64")
    return frame.assign(**changed) if changed else frame


@lru_cache(maxsize=64)
def _suite(name: str, expectations_json: str):
    """Return the suite built once per set of rules (building one costs about as much as a small validation)."""
    # Imported here: great_expectations takes seconds to import and pages must not pay for it.
    from great_expectations.core import ExpectationSuite

    return ExpectationSuite(name=name, expectations=json.loads(expectations_json))


@cache
def _batch_definition(suite_name: str):
    """Return the in-memory data source's batch definition for one kind of input, made once per process."""
    source = _context().data_sources.add_or_update_pandas(f"upload_{suite_name}")
    return source.add_dataframe_asset(name=f"frame_{suite_name}").add_batch_definition_whole_dataframe("whole")


def _columns_present(result, frame: pd.DataFrame) -> bool:
    kwargs = result.expectation_config.kwargs
    names = [kwargs.get("column"), kwargs.get("column_A"), kwargs.get("column_B"), *kwargs.get("column_list", [])]
    return all(name in frame for name in names if name)


@cache
def _context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _problem(result, frame: pd.DataFrame, labels: dict[str, str], parameters: dict, indices=None) -> Problem:
    config_ = result.expectation_config
    kwargs = config_.kwargs
    column = kwargs.get("column") or kwargs.get("column_A") or next(iter(kwargs.get("column_list", [])), "")
    # A suite may name the column and say the rule in its own words (the expectation's meta).
    meta = config_.meta or {}
    label = meta.get("label") or labels.get(column, column)
    if config_.type == "expect_column_to_exist":
        return Problem(label, f"No column for {label} was found; it is required.", 0)
    if result.exception_info and result.exception_info.get("raised_exception"):
        return Problem(label, f"The {label} column could not be checked.", 0)
    if indices is None:
        indices = result.result.get("unexpected_index_list") or []
    rows = [int(row) for row in frame["row_number"].take(indices)]
    source = RAW_COLUMNS.get(column, f"{column}_raw" if f"{column}_raw" in frame else column)
    examples = []
    for value in frame[source].take(indices) if source in frame else [None] * min(len(indices), 1):
        text = "blank" if value is None or pd.isna(value) else str(value)
        if text not in examples:
            examples.append(text)
        if len(examples) == MAX_EXAMPLES:
            break
    return Problem(label, meta.get("rule") or _rule(config_.type, kwargs, parameters), len(indices), rows, examples)


def _rule(kind: str, kwargs: dict, parameters: dict) -> str:
    if kind == "expect_column_values_to_not_be_null":
        if kwargs.get("row_condition"):
            return "an answer that could not be read"
        return "blank or unreadable, but a value is required"
    if kind == "expect_column_values_to_be_between":
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        if isinstance(low, dict | str | dt.date) and kwargs.get("column") == "submitted_at":
            start, end = (dt.date.fromisoformat(parameters[k][:10]) for k in ("wave_start", "wave_end"))
            wave = parameters.get("wave_label", "chosen")
            return f"outside the {wave} wave ({start:%-d %B %Y} to {end:%-d %B %Y})"
        if isinstance(high, dict | str | dt.date):
            return "a date in the future"
        return f"outside the allowed range {_number(low)} to {_number(high)}"
    if kind == "expect_column_values_to_be_in_set":
        allowed = ", ".join(str(v) for v in kwargs["value_set"])
        return f"not one of the accepted answers ({allowed})"
    if kind == "expect_column_values_to_be_unique":
        return "a value repeated that must be unique"
    if kind == "expect_column_values_to_match_regex":
        return "not in the expected format"
    return f"failed the check {kind}"


def _number(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
