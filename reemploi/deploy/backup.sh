#!/bin/sh
# Back up the database (pg_dump, custom format) and the uploaded media (a tarball) into
# the folder given, as <folder>/reemploi-<date>.dump and <folder>/reemploi-<date>-media.tar.gz.
#   sh reemploi/deploy/backup.sh /backups
# Reads DATABASE_URL and MEDIA_ROOT, as the site does. The site may keep running: pg_dump
# reads one consistent snapshot; a photo uploaded during the tarball may be missed.
set -eu
folder="${1:?usage: backup.sh <folder>}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$folder"
pg_dump --format=custom --file="$folder/reemploi-$stamp.dump" --dbname="$DATABASE_URL"
tar -czf "$folder/reemploi-$stamp-media.tar.gz" -C "$MEDIA_ROOT" .
echo "$folder/reemploi-$stamp.dump"
echo "$folder/reemploi-$stamp-media.tar.gz"
