#!/usr/bin/env bash
# In-process event bus benchmark: events/s and publish-to-handler latency.
# Usage: bench/event-bus/run.sh [events] [delivery threads] [publisher threads] [rate/s, 0 = max] [journal|memory]
# Compiles shared-lib/event-bus first, then runs the single-file benchmark on its
# class path. Pin to two cores like the goal says with: taskset -c 0,1 bench/event-bus/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/java.sh
select_java_home
JAVA="$JAVA_HOME/bin/java"
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# -am: the modules it depends on are compiled in the same reactor and their target/classes go on
# the class path, so the bench never runs against stale jars in ~/.m2 (nothing is installed).
./mvnw -q -B -pl shared-lib/event-bus -am compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -DincludeScope=runtime \
  -Dspotless.check.skip=true
CP="shared-lib/event-bus/target/classes:$(cat "$CP_FILE")"
exec "$JAVA" -Xms512m -Xmx512m -cp "$CP" bench/event-bus/InProcessBusBench.java "$@"
