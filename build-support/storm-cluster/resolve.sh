#!/usr/bin/env bash
# Runs build-support/storm-cluster/pom.xml the way the outer build runs: offline when it is offline,
# with its settings file and its local repository, so that `mvn -o`, `mvn -s ...` and
# `-Dmaven.repo.local=...` reach the nested build too (exec-maven-plugin cannot add an argument
# conditionally, hence this script).
# Usage: resolve.sh MVN offline=true|false settings=FILE repository=DIRECTORY
set -euo pipefail

mvn="$1" offline="${2#offline=}" settings="${3#settings=}" repository="${4#repository=}"
args=(-B -q -f "$(dirname "${BASH_SOURCE[0]}")/pom.xml" "-Dmaven.repo.local=$repository")
[[ "$offline" == true ]] && args+=(-o)
# Maven names ~/.m2/settings.xml here even when it does not exist; -s then would refuse to start.
[[ -f "$settings" ]] && args+=(-s "$settings")
exec "$mvn" "${args[@]}" package
