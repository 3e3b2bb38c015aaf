#!/usr/bin/env bash
# The standalone mode under load (issue 9, part 5); see StandaloneBench.java and README.md.
#   bench/standalone/run.sh pipeline [threats, default 30000]      the classifier path alone, in-JVM
#   bench/standalone/run.sh api [rate, default 1000] [seconds, 60]  the API over HTTP, the jar as a child
#   bench/standalone/run.sh                                          both
# SOC_BENCH_WARMUP=threats (default 6000) before the timed pipeline round; JFR=/path/file.jfr records a
# profile of the timed round (then: jfr view hot-methods /path/file.jfr).
# Works from a fresh clone with an empty Maven cache (the wrapper downloads what it needs; no -o).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/java.sh
JAVA="$JAVA_HOME/bin/java"
MODULE=services/standalone
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# package: the api mode runs the exec jar; -am compiles the modules it uses in the same reactor
./mvnw -q -B -pl "$MODULE" -am package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime >&2
JAR="$(ls "$MODULE"/target/standalone-*-exec.jar | head -n 1)"
CP="$MODULE/target/classes:$(cat "$CP_FILE")"
run() {
  "$JAVA" -Xms1g -Xmx1g --enable-native-access=ALL-UNNAMED -Dsoc.bench.warmup="${SOC_BENCH_WARMUP:-6000}" \
    -Dsoc.bench.jfr="${JFR:-}" -XX:FlightRecorderOptions:stackdepth=256 \
    ${SOC_BENCH_JAVA_OPTS:-} -cp "$CP" \
    bench/standalone/StandaloneBench.java "$@"
}
case "${1:-both}" in
  pipeline) run pipeline "${2:-30000}" ;;
  api) run api "${2:-1000}" "${3:-60}" "$JAR" ;;
  both) run pipeline 30000; run api 1000 60 "$JAR" ;;
  *) echo "usage: $0 [pipeline [threats] | api [rate] [seconds]]" >&2; exit 2 ;;
esac
