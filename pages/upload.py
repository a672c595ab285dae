"""Upload: the participation officer loads a survey export or plan update, sees problems, then confirms."""

import streamlit as st

from impact import auth
from impact.routing import through_app

through_app()

auth.require("officer")

st.title("Upload")
st.caption("Load a survey export or an action plan update. Nothing is saved until you confirm.")
st.info("Coming soon: upload from here. Until then use `python -m pipelines ingest --survey big_bang FILE`.")
