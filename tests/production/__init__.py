"""`make production-check`: the production configuration started from the stack's own files.

No Docker here: PostgreSQL and Elasticsearch are started as `make test` starts them,
Debian's nginx runs the repository's nginx template (filled in by envsubst as the
official image does), gunicorn and the worker run reemploi/deploy/web.sh and worker.sh
with `reemploi.settings.production`, and a local SMTP server keeps every message. The
walk then goes through the proxy only, as a visitor would (tests/production/walk.py).
"""
