#!/bin/sh
# Restore a backup made by backup.sh: the database dump, then the media tarball, then the
# search index rebuilt from the restored lots (the index is not backed up: it is derived).
#   sh reemploi/deploy/restore.sh /backups/reemploi-<date>.dump /backups/reemploi-<date>-media.tar.gz
# Stop the web, worker and scheduler first (`docker compose stop web worker scheduler`).
# The database must exist (the db service creates an empty one on a new volume); whatever
# it holds is replaced.
set -eu
dump="${1:?usage: restore.sh <dump> <media tarball>}"
media="${2:?usage: restore.sh <dump> <media tarball>}"
pg_restore --clean --if-exists --no-owner --exit-on-error --dbname="$DATABASE_URL" "$dump"
mkdir -p "$MEDIA_ROOT"
tar -xzf "$media" -C "$MEDIA_ROOT"
# web.sh migrates at its next start, should the backup come from an older version.
if [ -n "${ELASTICSEARCH_URL:-}" ]; then
    python manage.py search_rebuild
fi
