"""Shared domain code for SEND Impact Monitor: database, periods, statistics, privacy, queries, charts."""
