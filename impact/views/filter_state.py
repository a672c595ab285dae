"""One filter state for every page, kept in the session and in the address bar.

The filters follow the reader from page to page (Streamlit drops the address's parameters on a page switch, so the
session keeps them and each page writes them back), and a copied address reproduces the view: opened in a new tab,
the address sets every page's filters. The names and codes are in impact/queries/filters.py (PARAMS, encode, decode).

Each widget that shows a shared filter is seeded from the state before it is drawn (unless the reader has just changed
it) and reports its value after; the page then saves the state, which writes the address.
"""

import streamlit as st

from impact.queries.filters import PARAMS, SharedState, decode, encode

STATE, WRITTEN = "_shared_filters", "_shared_filters_written"
SYNCED, NOTICES = "_shared_filters_synced", "_shared_filters_notices"


def _address() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in PARAMS if name in st.query_params}


def current(options: dict) -> SharedState:
    """Return the shared filters: the address's when it changed outside the app (a link opened, the address edited),
    else as this session left them. Values the address names but the app cannot use become notices."""
    address = _address()
    state = st.session_state.get(STATE)
    if state is None or (address and address != st.session_state.get(WRITTEN)):
        state, notices = decode(address, options)
        st.session_state[STATE] = state
        st.session_state[WRITTEN] = address
        st.session_state[NOTICES] = notices
        st.session_state[SYNCED] = {}  # every widget takes its value from the new state
    return state


def seed(key: str, value) -> None:
    """Give a widget the shared state's value before it is drawn, unless the reader has just changed it."""
    synced = st.session_state.setdefault(SYNCED, {})
    if key not in st.session_state or key not in synced or st.session_state[key] == synced[key]:
        st.session_state[key] = value


def drawn(key: str, value) -> None:
    """Record the value a widget was drawn with, so a change by the reader can be told from the state's."""
    st.session_state.setdefault(SYNCED, {})[key] = value


def save(state: SharedState) -> None:
    """Keep the state for the session and write it into the address (only the shared parameters)."""
    st.session_state[STATE] = state
    wanted = encode(state)
    for name in PARAMS:
        if name in wanted:
            if st.query_params.get_all(name) != wanted[name]:
                st.query_params[name] = wanted[name]
        elif name in st.query_params:
            del st.query_params[name]
    st.session_state[WRITTEN] = _address()


def show_notices(where=st) -> None:
    """Say once, briefly, which values in the address could not be used."""
    for notice in st.session_state.pop(NOTICES, []):
        where.warning(notice, icon=":material/link_off:")
