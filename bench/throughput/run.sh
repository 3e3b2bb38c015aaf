#!/usr/bin/env bash
# Single-thread throughput of the offline classifier on the standalone path: the technique ranking
# through the knowledge base's embedded Lucene index (goal: 1,500 findings/s).
# Measures one thread; run it on an otherwise idle machine, the figure is sensitive to load.
# Works from a fresh clone with an empty Maven cache (the wrapper downloads what it needs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source scripts/lib/java.sh   # JAVA_HOME := a JDK 21+, chosen like every script
JAVA="$JAVA_HOME/bin/java"
MODULE=services/threat-classifier
CP_FILE="$MODULE/target/throughput.classpath"
if [[ ! -f "$CP_FILE" \
      || -n "$(find "$MODULE/src/main" shared-lib/knowledge-base/src/main shared-lib/agent-runtime/src/main \
               shared-lib/domain/src/main -newer "$CP_FILE" -print -quit)" ]]; then
  JAVA_HOME="$JAVA_HOME" ./mvnw -q -B -pl "$MODULE" -am compile dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/$CP_FILE" -Dmdep.includeScope=runtime >&2
fi
exec "$JAVA" ${SOC_BENCH_JAVA_OPTS:-} -cp "$MODULE/target/classes:$(cat "$CP_FILE")" \
  bench/throughput/OfflineThroughput.java
