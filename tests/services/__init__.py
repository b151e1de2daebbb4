"""The services the test suite runs against, started for one test session.

`python -m tests.services [pytest args]` provisions PostgreSQL, Elasticsearch and
Chromium when they are missing, starts a throw-away PostgreSQL cluster and
Elasticsearch node, runs pytest on them, then on SQLite, and stops everything.
"""
