#!/usr/bin/env bash
# Knowledge-base benchmark (issue #5): lookup latency p50/p99 per lookup kind on the embedded
# Lucene index and on OpenSearch, and the start-up cost of indexing the shipped ATT&CK extract.
# Needs OpenSearch for the second half: scripts/backends.sh start (skipped with a note otherwise).
# Usage: bench/knowledge-base/run.sh [timed rounds per lookup kind, default 5000] [OpenSearch URI]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/java.sh
select_java_home
JAVA="$JAVA_HOME/bin/java"
eval "$(bash scripts/backends.sh env)"
./mvnw -q -B -o -pl shared-lib/knowledge-base compile -Dspotless.check.skip=true
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
./mvnw -q -B -o -pl shared-lib/knowledge-base dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -DincludeScope=runtime
CP="shared-lib/knowledge-base/target/classes:$(cat "$CP_FILE")"
exec "$JAVA" -Xms512m -Xmx512m -cp "$CP" bench/knowledge-base/KnowledgeBaseLatencyBench.java "$@"
