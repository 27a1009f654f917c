#!/bin/sh
# Import throughput through POST /api/imports of the running bundle, with the database's own bulk load of the
# same files side by side (dev.rfm.domain.ingest.HttpImportBenchmark; figures in docs/PERFORMANCE.md).
# Usage: bench/import-http.sh [-Dbenchmark.runs=h2,postgresql,big] [-Dbenchmark.rows=...] [-Dbenchmark.bigRows=...]
#        (set MAVEN_REPO to use another local repository)
set -e
cd "$(dirname "$0")/.."
repo=${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO}
./mvnw $repo -q -DskipTests package
./mvnw $repo -q -pl rfm-domain -Pbenchmark test-compile exec:exec \
    -Dbenchmark.main=dev.rfm.domain.ingest.HttpImportBenchmark "$@"
