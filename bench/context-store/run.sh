#!/usr/bin/env bash
# Embedded context store under the ThreatClassifier's write pattern (issue 9, part 5): throughput
# with 2 writer threads, bytes on disk per threat live and in a TTL steady state.
# Usage: bench/context-store/run.sh [threats, default 60000] [writer threads, default 2]
#          [steady-state threats per simulated day, default 2000; 0 skips it]
# JFR=1 also records a profile (target/context-store-bench.jfr) and prints its hot methods.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/java.sh
JAVA="$JAVA_HOME/bin/java"
MODULE=shared-lib/context-store
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# -am: the modules it depends on are compiled in the same reactor and their target/classes go on
# the class path (nothing is installed); no -o, so a fresh clone with an empty Maven cache works.
./mvnw -q -B -pl "$MODULE" -am compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" \
  -DincludeScope=runtime -Dspotless.check.skip=true >&2
CP="$MODULE/target/classes:$(cat "$CP_FILE")"
JFR_ARGS=()
if [[ "${JFR:-}" == 1 ]]; then
  mkdir -p "$MODULE/target"
  JFR_ARGS=(-XX:StartFlightRecording=filename="$MODULE/target/context-store-bench.jfr",settings=profile)
fi
"$JAVA" -Xms512m -Xmx512m --enable-native-access=ALL-UNNAMED "${JFR_ARGS[@]}" -cp "$CP" \
  bench/context-store/ContextStoreBench.java "$@"
if [[ "${JFR:-}" == 1 ]]; then
  "$JAVA_HOME/bin/jfr" view --width 150 hot-methods "$MODULE/target/context-store-bench.jfr" | head -30
fi
