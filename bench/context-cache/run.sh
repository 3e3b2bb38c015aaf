#!/usr/bin/env bash
# Context cache benchmark (issue #3): L1 hit / L2 hit / miss latency beside a raw Lettuce GET on
# the same Redis, and the hit rate of a Zipf(1.0) replay. Needs Redis: scripts/backends.sh start.
# Usage: bench/context-cache/run.sh [samples per latency figure, default 50000]
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
./mvnw -q -B -o -pl shared-lib/context-store -am compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -DincludeScope=runtime \
  -Dspotless.check.skip=true
CP="shared-lib/context-store/target/classes:$(cat "$CP_FILE")"
exec "$JAVA" -Xms512m -Xmx512m -cp "$CP" bench/context-cache/ContextCacheBench.java "$@"
