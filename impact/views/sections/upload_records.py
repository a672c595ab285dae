"""The Upload page for every input that is not a survey (issue 18): action plans, action updates, activities,
the participation audit, "you said, we did", the local population baseline and the DfE's caseload.csv.

The same steps as a survey: which input it is (told from its columns, the officer may change it), what will change
record by record (new, changed, unchanged; removed when it replaces an earlier load), the problems, the good rows
or nothing, then history and undo. The pipeline functions are the command line's (pipelines.ingest, .changes).
"""

import pandas as pd
import streamlit as st

from impact import config
from impact.views import ui
from pipelines import report
from pipelines.read import file_sha256

GOOD_ROWS, NOTHING = "good", "nothing"


def good_rows_or_nothing(good: int, left_out: str) -> str | None:
    """Ask whether to load only the good rows or nothing (surveys and other inputs alike); None until chosen."""
    return st.radio(
        "Some rows have problems. What should be loaded?",
        [GOOD_ROWS, NOTHING],
        format_func={
            GOOD_ROWS: f"Only the {report.plural(good, 'good row')}, {left_out}",
            NOTHING: "Nothing: I will fix the file and upload it again",
        }.get,
        index=None,
    )


NO_REPLACE = 0  # "adds to what is loaded"
CHANGE_ORDER = {"changed": 0, "new": 1, "removed": 2, "unchanged": 3}
CHANGE_WORDS = {"new": "New", "changed": "Changed", "unchanged": "Unchanged", "removed": "Will be removed"}


def choose_input(content: bytes, file_name: str) -> str | None:
    """Show the input picker, set to the input detected from the file's columns; return the officer's choice."""
    from pipelines.inputs import INPUTS, detect_input

    export, detected, unreadable = detect_input(ui.connection(), content, file_name)
    if unreadable:
        st.error(report.escape_markdown(unreadable) + " Nothing from this file has been saved.")
        return None
    kinds = list(INPUTS)
    kind = st.selectbox(
        "What is this file?",
        kinds,
        index=kinds.index(detected) if detected else None,
        format_func=INPUTS.get,
        placeholder="Choose what the file holds",
        key=f"survey_{file_sha256(content)}",
        help="Told from the file's columns; choose another if it is wrong.",
    )
    tool = "a spreadsheet" if export.tool == "Spreadsheet" else f"a {export.tool} export"
    found = f"the {INPUTS[detected]}" if detected else "no input clearly: please choose one"
    what = "questions" if detected in config.SURVEYS else "columns"
    st.caption(f"From its headers this looks like {tool}, and its {what} match {found}.")
    return kind


def prepared_for(content: bytes, file_name: str, kind: str, la_code: str | None = None):
    """Return the file read and checked, kept across reruns until the file, input or area change."""
    from pipelines import dfe_baseline
    from pipelines.ingest import prepare

    key = (file_sha256(content), kind, la_code, "records")
    cache = st.session_state.setdefault("prepared", {})
    if key not in cache:
        cache.clear()
        with st.spinner("Reading and checking the file..."):
            if kind == dfe_baseline.KIND:
                cache[key] = dfe_baseline.prepare_baseline(ui.connection(), content, file_name, la_code)
            else:
                cache[key] = prepare(ui.connection(), content, file_name, kind)
    return cache[key]


def choose_area(content: bytes, file_name: str) -> str | None:
    """Ask which local authority of the DfE file is ours (the last one loaded, else the first)."""
    from impact.queries.reach import dfe_area
    from pipelines import dfe_baseline

    try:
        choices = dfe_baseline.authority_choices(dfe_baseline.read_caseload(content, file_name))
    except dfe_baseline.UnreadableFile as error:
        st.error(report.escape_markdown(str(error)) + " Nothing from this file has been saved.")
        return None
    codes, area = list(choices), ui.cached(dfe_area)()
    start = codes.index(area["la_code"]) if area and area["la_code"] in codes else 0
    return st.selectbox("Local authority", codes, index=start, format_func=choices.get, key="upload_dfe_la")


def render_records(content: bytes, file_name: str, kind: str, officer: str) -> None:
    """Check a non-survey file, show what it will change and its problems, then load it."""
    from pipelines import dfe_baseline

    la_code = choose_area(content, file_name) if kind == dfe_baseline.KIND else None
    if kind == dfe_baseline.KIND and la_code is None:
        return
    prepared = prepared_for(content, file_name, kind, la_code)
    if prepared.earlier_load:
        upload_id, _, when = prepared.earlier_load
        st.warning(f"This exact file was already loaded (load {upload_id}, {when:%d %b %Y %H:%M}): nothing to add.")
        return
    file_problems = [p for p in prepared.problems if not p.rows]
    if file_problems or prepared.frame is None:
        for problem in file_problems:
            st.error(report.escape_markdown(problem.sentence()))
        st.error("Nothing from this file has been saved.")
        return
    st.header("2. Check what will change")
    replaces = choose_replaced(kind, file_name, file_sha256(content))
    frame = _loadable(prepared, kind)
    render_changes(kind, frame, replaces)
    render_problems(prepared)
    st.header("3. Load it")
    render_confirm(prepared, kind, frame, replaces, officer)


def _loadable(prepared, kind: str):
    from pipelines.changes import good_rows

    rejected = sorted({row for problem in prepared.problems for row in problem.rows})
    return good_rows(kind, prepared.frame, rejected)


def choose_replaced(kind: str, file_name: str, sha256: str) -> int | None:
    """Ask whether the file replaces an earlier load of the same input (start at one with the same file name)."""
    from pipelines.changes import replaceable_loads

    loads = ui.cached(replaceable_loads)(kind)
    if loads.empty:
        return None
    labels = {NO_REPLACE: "No: add it to what is loaded (records not in the file stay as they are)"} | {
        int(row.upload_id): f"Yes, it replaces load {row.upload_id}: {row.file_name} ({row.loaded_at:%d %b %Y})"
        for row in loads.itertuples()
    }
    same_name = [int(row.upload_id) for row in loads.itertuples() if row.file_name == file_name]
    chosen = st.selectbox(
        "Does this file replace an earlier load?",
        list(labels),
        index=list(labels).index(same_name[0]) if same_name else 0,
        format_func=labels.get,
        key=f"replaces_{kind}_{sha256[:12]}",  # each file starts at its own default
        help="A replacement takes over the earlier load's records: those this file does not have are removed. "
        "Removing the replacement later puts the earlier load back exactly.",
    )
    return None if chosen == NO_REPLACE else chosen


def render_changes(kind: str, frame, replaces: int | None) -> None:
    """Show what loading the file will change, record by record."""
    from pipelines.changes import classify

    changes = classify(ui.connection(), kind, frame, replaces)
    st.markdown("**What will change**")
    st.write(report.escape_markdown(changes.sentence()[:1].upper() + changes.sentence()[1:] + "."))
    table = changes.records.assign(order=changes.records["change"].map(CHANGE_ORDER))
    table = table.sort_values(["order", "record"]).drop(columns="order")
    table["change"] = table["change"].map(CHANGE_WORDS)
    table = table.rename(columns={"record": "Record", "change": "Change", "what changes": "What changes"})
    st.dataframe(table, hide_index=True, width="stretch")


def render_problems(prepared) -> None:
    """Show the plain-English checks: every rule that failed, with its rows and examples."""
    problems = report.problem_table(prepared)
    st.markdown("**Checks**")
    if problems.empty:
        st.success("Every row passed the checks: required columns present, answers from the accepted lists.")
        return
    rows = sorted({row for problem in prepared.problems for row in problem.rows})
    st.warning(f"{report.plural(len(rows), 'row')} broke a rule and will be left out if you load the good rows:")
    st.dataframe(problems, hide_index=True, width="stretch")


def render_confirm(prepared, kind: str, frame, replaces: int | None, officer: str) -> None:
    """Ask for the good rows or nothing when some rows have problems, then load."""
    from pipelines import dfe_baseline
    from pipelines.ingest import commit

    choice = GOOD_ROWS
    rejected = len(prepared.frame) - len(frame)
    if prepared.problems and kind == dfe_baseline.KIND:  # the publisher's own file: loaded whole, fixed at source
        st.error("Nothing from this file can be loaded while it has problems: download it again from the DfE.")
        return
    if prepared.problems:
        choice = good_rows_or_nothing(len(frame), f"leaving {rejected} out")
    ready = bool(officer) and choice == GOOD_ROWS and not frame.empty
    if st.button(f"Load {report.plural(len(frame), 'row')}", type="primary", disabled=not ready):
        with ui.writing() as con:
            if kind == dfe_baseline.KIND:
                result = dfe_baseline.load_baseline(con, prepared, officer, replaces)
                status, message = "loaded", f"Loaded {prepared.file_name} as load {result.upload_id}."
            else:
                outcome = commit(con, prepared, officer, load_good_rows=True, replaces=replaces)
                status, message = outcome.status, outcome.message
        from impact.views.sections.upload import finish

        finish(status, message)


def render_undo(officer: str) -> None:
    """Let the officer remove a load of another input: exactly what it did is undone, a replaced load comes back."""
    from pipelines.inputs import INPUTS
    from pipelines.record_loads import undo_blockers, undo_load, undoable_loads

    loads = ui.cached(undoable_loads)()
    if loads.empty:
        return
    labels = {
        int(row.upload_id): f"Load {row.upload_id}: {row.file_name} ({INPUTS.get(row.kind, row.kind)}, "
        f"{row.loaded_at:%d %b %Y})"
        for row in loads.itertuples()
    }
    chosen = st.selectbox("Remove a load of another input", list(labels), index=None, format_func=labels.get,
                          placeholder="Choose a load to remove")  # fmt: skip
    if chosen is None:
        return
    row = loads.set_index("upload_id").loc[chosen]
    blockers = ui.cached(undo_blockers)(chosen)
    if blockers:
        named = ", ".join(str(b) for b in blockers)
        st.error(f"Load {named} changed records of load {chosen} since: remove load {named} first.")
        return
    back = f" Load {int(row.replaced)}, which it replaced, counts again." if pd.notna(row.replaced) else ""
    st.warning(
        f"This takes away what load {chosen} added and puts back every record it changed or removed, exactly as "
        f"before it.{back} The same file can be loaded again."
    )
    sure = st.checkbox(f"Yes, remove load {chosen}", key="undo_sure")
    if st.button("Remove this load", key="undo_load", disabled=not (sure and officer)):
        with ui.writing() as con:
            message = undo_load(con, int(chosen), officer)
        from impact.views.sections.upload import finish

        finish("removed", message)


def render_templates() -> None:
    """Offer a blank template per input (CSV and Excel) with its accepted answers, made from the pipeline's files."""
    from pipelines import templates
    from pipelines.inputs import INPUTS

    with st.expander("Start from a blank template: every input, and surveys typed up from paper"):
        st.caption(
            "Each template has the columns the checks expect and one example row: replace the example with your own "
            "rows. The Excel template lists the accepted answers on its second sheet. Survey exports from a survey "
            "tool and the DfE's caseload.csv load as they are downloaded."
        )
        for kind in templates.TEMPLATE_KINDS:
            st.markdown(f"**{INPUTS[kind]}{' (paper returns)' if kind in config.SURVEYS else ''}**")
            answers = templates.accepted_answers(kind)
            help_text = "  \n".join(
                f"{row.Column}{' (required)' if row.Required == 'Yes' else ''}: {row._3}"
                for row in answers.itertuples()
            )
            left, right = st.columns(2)
            left.download_button(
                "CSV template", template_bytes(kind, "csv"), file_name=f"{kind}_template.csv", mime="text/csv",
                key=f"template_csv_{kind}", help=help_text,
            )  # fmt: skip
            right.download_button(
                "Excel template", template_bytes(kind, "xlsx"), file_name=f"{kind}_template.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key=f"template_xlsx_{kind}", help=help_text,
            )  # fmt: skip
            st.caption(report.escape_markdown(help_text.replace("  \n", "; ")))


@st.cache_data(show_spinner=False)
def template_bytes(kind: str, file_type: str) -> bytes:
    """Return an input's template as CSV or Excel bytes (made once per process: the files it comes from are fixed)."""
    from pipelines import templates

    return templates.template_csv(kind) if file_type == "csv" else templates.template_xlsx(kind)
