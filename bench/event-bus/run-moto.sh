#!/usr/bin/env bash
# The AWS-mode event bus through moto, for reference: events/s and publish-to-handler latency of
# EventBridgePublisher -> moto EventBridge rule -> SQS -> SqsEventSubscriptions handler.
# Usage: bench/event-bus/run-moto.sh [events] [publisher threads] [consumer concurrency] [rate/s, 0 = max] [dynamodb|memory]
#        [subscriptions|direct]
# Needs the backends: scripts/backends.sh start (moto on SOC_TEST_AWS_ENDPOINT, default 127.0.0.1:15566).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/java.sh
select_java_home
JAVA="$JAVA_HOME/bin/java"
eval "$(bash scripts/backends.sh env)"
if [[ "$(bash scripts/backends.sh status moto)" != *running* ]]; then
  echo "moto is not running: start it with scripts/backends.sh start" >&2
  exit 1
fi
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# -am: the modules it depends on are compiled in the same reactor and their target/classes go on
# the class path, so the bench never runs against stale jars in ~/.m2 (nothing is installed).
./mvnw -q -B -pl shared-lib/event-bus -am compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -DincludeScope=runtime \
  -Dspotless.check.skip=true
CP="shared-lib/event-bus/target/classes:$(cat "$CP_FILE")"
exec "$JAVA" -Xms512m -Xmx512m -cp "$CP" bench/event-bus/MotoBusBench.java "$@"
