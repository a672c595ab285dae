"""The Upload page's mapping step (issue 11): the file-level choices, every column and every answer's meaning.

The officer's choices live in session state under keys named for the file; each rerun builds a mapping profile from
them (over the profile saved for the file's layout) and prepares the file with it, so the preview recounts at once.
Saving stores the profile for the survey and layout: the next export like it loads with no questions.
"""

import streamlit as st

from impact import config
from impact.views import ui
from pipelines import report
from pipelines.read import file_sha256

FROM_FILE = "from the file"
WHO = {FROM_FILE: "From the file's 'I am a...' column"} | {
    t: f"Everyone: {t.lower()}s" for t in ["Young person", "Parent carer", "Professional"]
}
MEANINGS = {
    "positive": "Positive (counts as agreeing)",
    "negative": "Negative",
    "neutral": "Neutral (in the base, not positive)",
    "missing": "Missing (no answer)",
}


def _key(content: bytes, survey: str, *parts: str) -> str:
    return "|".join(["map", file_sha256(content)[:12], survey, *parts])


def layout_of(content: bytes, file_name: str) -> str | None:
    """Return the layout key of the file's headers (None if it cannot be read)."""
    from pipelines.profiles import layout_key
    from pipelines.read import UnreadableFile
    from pipelines.surveys import read_export_file

    try:
        headers = [c for c in read_export_file(content, file_name).frame.columns if c != "row_number"]
    except UnreadableFile:
        return None
    return layout_key(headers)


def chosen_profile(content: bytes, file_name: str, survey: str):
    """Return the profile to prepare the file with: the saved one for its layout with the officer's changes."""
    from pipelines.profiles import Profile, saved_profile

    layout = layout_of(content, file_name)
    if layout is None:
        return None
    saved = saved_profile(ui.connection(), survey, layout)
    profile = Profile(survey, layout, dict(saved.columns), {q: dict(a) for q, a in saved.answers.items()},
                      saved.respondent_type, saved.headers) if saved else Profile(survey, layout)  # fmt: skip
    prefix = _key(content, survey)
    for key, value in st.session_state.items():
        if not isinstance(key, str) or not key.startswith(prefix) or value is None:
            continue
        parts = key.split("|")
        if parts[3] == "who":
            profile.respondent_type = None if value == FROM_FILE else value
        elif parts[3] == "answer":
            profile.answers.setdefault(parts[4], {})[parts[5]] = value
        elif parts[3] == "column":
            profile.columns[parts[4]] = value
    return profile


def render_file_choices(prepared, content: bytes) -> str:
    """Show the wave name and who answered; return the wave name the officer gave."""
    review, survey = prepared.review, prepared.kind
    wave = st.text_input(
        "Wave name",
        value=review.wave or "",
        key=f"wave_{file_sha256(content)}_{survey}",
        help="The collection window the officer recognises, e.g. 'Big Bang 2025'. It may cross 31 March: quarters "
        "and financial years come from each response's own date.",
    )
    if review.first_response is not None:
        st.caption(f"Responses from {review.first_response:%-d %b %Y} to {review.last_response:%-d %b %Y}.")
    who = list(WHO)
    # Start at the saved choice, not this session's (see render_answers: a changed start forgets the choice).
    saved = review.profile.respondent_type if review.profile and review.profile.headers else None
    current = saved if saved in who else FROM_FILE
    st.selectbox(
        "Who answered?",
        who,
        index=who.index(current),
        format_func=WHO.get,
        key=_key(content, survey, "who"),
        help="For a survey that went to one group only (a parent carer forum, a youth forum) and has no "
        "'I am a...' question: everyone in the file is counted as this group.",
    )
    return wave


def saved_answers(content: bytes, file_name: str, survey: str) -> dict[str, dict[str, str]]:
    """Return the answer meanings saved for the file's layout (what each answer's picker starts at)."""
    from pipelines.profiles import saved_profile

    layout = layout_of(content, file_name)
    saved = saved_profile(ui.connection(), survey, layout) if layout else None
    return saved.answers if saved else {}


def render_answers(prepared, content: bytes) -> None:
    """Show every scale question's answers with their meaning; ask the meaning of answers on no known scale."""
    review = prepared.review
    mapping = review.mapping
    profile_answers = review.profile.answers if review.profile else {}
    # A picker starts at the saved meaning only: starting it at this session's choice would make it a new widget
    # on the next run, and Streamlit would forget the choice.
    saved = saved_answers(content, prepared.file_name, prepared.kind)
    questions = [q for q in mapping.questions if q in review.scales or q in review.unrecognised]
    if not questions:
        return
    with st.expander("Answers and what they mean", expanded=bool(review.unrecognised)):
        for question_id in questions:
            scale = review.scales.get(question_id)
            st.markdown(f"**{report.escape_markdown(mapping.label(question_id))}**")
            st.caption(f"Read as {report.scale_name(scale)}." if scale else "No known scale recognised.")
            table = report.answer_meanings(prepared, question_id)
            if not table.empty:  # a line, not a table: the page's tables keep their places for the officer and tests
                shown = [f"'{row.Answer}': {row.Meaning} ({row.Responses})" for row in table.itertuples()]
                st.caption(report.escape_markdown("; ".join(shown)))
            asked = list(
                dict.fromkeys([*review.unrecognised.get(question_id, []), *profile_answers.get(question_id, {})])
            )
            for answer in asked:
                start = saved.get(question_id, {}).get(answer)
                st.selectbox(
                    f"What does '{report.escape_markdown(answer)}' mean?",
                    list(MEANINGS),
                    index=list(MEANINGS).index(start) if start in MEANINGS else None,
                    format_func=MEANINGS.get,
                    placeholder="Choose its meaning",
                    key=_key(content, prepared.kind, "answer", question_id, answer),
                )


def render_save_profile(prepared, content: bytes, profile, officer: str) -> None:
    """Offer to save the mapping for the survey and this layout, so the next export loads with no questions."""
    from pipelines.mapping import simplify
    from pipelines.profiles import save_profile

    review = prepared.review
    if profile is None:
        return
    st.caption(
        "Save these choices (columns, answers' meanings, who answered) as the mapping for this survey and this "
        "layout of export: the next export like it loads with no questions."
    )
    if st.button("Save mapping for the next export", disabled=not officer):
        profile.columns = {h: t for h, t in prepared.matched.items() if simplify(h) in review.mapping.saved}
        profile.columns |= {h: "__ignore__" for h in review.ignored}
        profile.respondent_type = review.respondent_type
        profile.headers = review.raw_headers
        with ui.writing() as con:
            save_profile(con, profile, officer)
        st.success(f"Mapping saved for the {config.SURVEYS[prepared.kind]} exports laid out like this one.")
