#!/usr/bin/env bash
# Single-thread throughput of the offline classifier (goal: 1,000 findings/s on one core).
# Measures one thread; run it on an otherwise idle machine, the figure is sensitive to load.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source scripts/lib/java.sh   # JAVA_HOME := a JDK 21+, chosen like every script
JAVA="$JAVA_HOME/bin/java"
MODULE=shared-lib/agent-runtime
CP_FILE="$MODULE/target/eval.classpath"
if [[ ! -f "$CP_FILE" || -n "$(find "$MODULE/src/main" -newer "$CP_FILE" -print -quit)" ]]; then
  JAVA_HOME="$JAVA_HOME" ./mvnw -q -B -o -pl "$MODULE" -am compile dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/$CP_FILE" -DincludeScope=runtime >&2
fi
exec "$JAVA" -cp "$MODULE/target/classes:$(cat "$CP_FILE")" \
  bench/throughput/OfflineThroughput.java
