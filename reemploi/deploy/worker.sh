#!/bin/sh
# The task worker (django-tasks' database backend): e-mails, index updates, the heartbeat
# of /sante/. The compose `worker` service and `make production-check` run this file.
set -eu
exec python manage.py db_worker --interval "${WORKER_INTERVAL:-1}"
