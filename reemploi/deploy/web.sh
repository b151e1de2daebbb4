#!/bin/sh
# The site's start: the compose `web` service and `make production-check` run this file.
# Migrations, the cache table and static files at every start: all three are idempotent,
# and `migrate` runs the system checks first, so a misconfigured site stops here
# (reemploi.E010-E012: placeholder secret, no hosts, SITE_URL not https).
#   GUNICORN_BIND     where gunicorn listens: the stack's internal network only (0.0.0.0:8000
#                     inside the container, no port published; nginx is the way in)
#   GUNICORN_WORKERS  processes (3 by default: 2 cores)
set -eu
python manage.py migrate --noinput
python manage.py createcachetable
python manage.py collectstatic --noinput --verbosity 0
exec gunicorn reemploi.wsgi:application \
    --bind "${GUNICORN_BIND:-0.0.0.0:8000}" \
    --workers "${GUNICORN_WORKERS:-3}" \
    --timeout 30 \
    --no-control-socket \
    --access-logfile -
