"""Shared code for SEND Impact Monitor, in layers: store, domain, queries, views (see docs/architecture.md)."""
