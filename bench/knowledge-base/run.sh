#!/usr/bin/env bash
# Knowledge-base benchmark (issue #5): lookup latency p50/p99 per lookup kind on the embedded
# Lucene index and on OpenSearch, and the start-up cost of indexing the shipped ATT&CK extract.
# Needs OpenSearch for the second half: scripts/backends.sh start (skipped with a note otherwise).
# Usage: bench/knowledge-base/run.sh [timed rounds per lookup kind, default 5000] [OpenSearch URI]
# Works from a fresh clone with an empty Maven cache (the wrapper downloads what it needs).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/java.sh
select_java_home
JAVA="$JAVA_HOME/bin/java"
eval "$(bash scripts/backends.sh env)"
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# -am: the modules it depends on are compiled in the same reactor and their target/classes go on
# the class path, so the bench never runs against stale jars in ~/.m2 (nothing is installed).
./mvnw -q -B -pl shared-lib/knowledge-base -am compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -DincludeScope=runtime \
  -Dspotless.check.skip=true
CP="shared-lib/knowledge-base/target/classes:$(cat "$CP_FILE")"
exec "$JAVA" -Xms512m -Xmx512m -cp "$CP" bench/knowledge-base/KnowledgeBaseLatencyBench.java "$@"
