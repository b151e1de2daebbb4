#!/usr/bin/env bash
# Builds target/reemploi-analysis-8.19.4.zip (test-only ES plugin, see README.md).
# Extra arguments go to Maven: "./build.sh -o" builds offline once ~/.m2 holds
# the artifacts; "./build.sh -Dmaven.repo.local=DIR" uses another cache.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q package "$@"
echo "$PWD/target/reemploi-analysis-8.19.4.zip"
