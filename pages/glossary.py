"""Glossary: the SEND words and the dashboard's marks, in plain English."""

import streamlit as st

from impact.views import glossary
from impact.views.routing import through_app

through_app()
st.title("Glossary")
st.caption("What the words and marks on this dashboard mean.")
glossary.render()
