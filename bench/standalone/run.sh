#!/usr/bin/env bash
# The standalone mode under load (issue 9, part 5); see StandaloneBench.java and README.md.
#   bench/standalone/run.sh pipeline [threats, default 30000]      the classifier path alone, in-JVM
#   bench/standalone/run.sh api [rate, default 1000] [seconds, 60]  the API over HTTP, the jar as a child
#   bench/standalone/run.sh model [findings 2000] [delay-ms 2000] [limit 100]  model-bound (issue 12):
#                                                                    converse mode against a stand-in
#   bench/standalone/run.sh model-aws [findings] [delay-ms] [limit]  the same in the aws mode on moto: soc-api and
#                                                                    threat-classifier as two JVMs, EventBridge ->
#                                                                    SQS (starts scripts/backends.sh's moto, Redis,
#                                                                    OpenSearch; AwsFleet.java)
#   bench/standalone/run.sh                                          pipeline and api
# SOC_BENCH_WARMUP=threats (default 6000) before the timed pipeline round; JFR=/path/file.jfr records a
# profile of the timed round (then: jfr view hot-methods /path/file.jfr); SOC_BENCH_CHILD_JFR=/path/file.jfr
# profiles the api mode's server. SOC_BENCH_LOAD=java: the api mode's load from Java's HttpClient, not wrk.
# SOC_BENCH_API_WARMUP=seconds (default 20) of load before the measured api round, drained, not measured.
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
# The api mode's load: wrk (Debian's package; installed here when missing and this is root), or
# SOC_BENCH_LOAD=java for Java's HttpClient in the benchmark's own JVM.
WRK=""
if [[ "${SOC_BENCH_LOAD:-wrk}" == wrk && "${1:-both}" != pipeline && "${1:-both}" != model* ]]; then
  if ! command -v wrk >/dev/null && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "[bench] installing wrk (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1; } || true
  fi
  WRK="$(command -v wrk || true)"
  [[ -n "$WRK" ]] || echo "[bench] wrk is not installed: the api mode uses Java's HttpClient" >&2
fi
JAR="$(ls "$MODULE"/target/standalone-*-exec.jar | head -n 1)"
CP="$MODULE/target/classes:$(cat "$CP_FILE")"
run() {
  "$JAVA" -Xms1g -Xmx1g --enable-native-access=ALL-UNNAMED -Dsoc.bench.warmup="${SOC_BENCH_WARMUP:-6000}" \
    -Dsoc.bench.jfr="${JFR:-}" -Dsoc.bench.child-jfr="${SOC_BENCH_CHILD_JFR:-}" -Dsoc.bench.wrk="$WRK" -Dsoc.bench.api-warmup="${SOC_BENCH_API_WARMUP:-20}" -XX:FlightRecorderOptions:stackdepth=256 \
    ${SOC_BENCH_JAVA_OPTS:-} -cp "$CP" \
    bench/standalone/StandaloneBench.java "$@"
}
model() {
  # ModelBench.java uses StandaloneBench.java beside it (the multi-file source launcher, Java 22+)
  "$JAVA" -Xms512m -Xmx1g --enable-native-access=ALL-UNNAMED -Dsoc.bench.child-jvm="${SOC_BENCH_CHILD_JVM:-}" \
    -Dsoc.bench.sqs-wait="${SOC_BENCH_SQS_WAIT:-20}" \
    ${SOC_BENCH_JAVA_OPTS:-} -cp "$CP" bench/standalone/ModelBench.java "$@"
}
case "${1:-both}" in
  model-aws)
    # the services' own exec jars (built by the package above: -am packages the modules standalone uses)
    bash scripts/backends.sh start redis opensearch >&2
    eval "$(bash scripts/backends.sh env)"
    # a moto of its own (own home, port): the tests' shared moto would skew the figures and the
    # bench's load would slow the tests; stopped at the end, its virtualenv kept for the next run
    BENCH_BACKENDS=(env SOC_BACKENDS_HOME="${SOC_BENCH_BACKENDS_HOME:-/var/tmp/socagent-bench-backends}"
      SOC_MOTO_PORT="${SOC_BENCH_MOTO_PORT:-15599}")
    "${BENCH_BACKENDS[@]}" bash scripts/backends.sh start moto >&2
    trap '"${BENCH_BACKENDS[@]}" bash scripts/backends.sh stop moto >&2; rm -f "$CP_FILE"' EXIT
    export SOC_TEST_AWS_ENDPOINT="http://127.0.0.1:${SOC_BENCH_MOTO_PORT:-15599}"
    model "${2:-2000}" "${3:-2000}" "${4:-100}" "$JAR" aws \
      "$(ls services/threat-classifier/target/threat-classifier-*-exec.jar | head -n 1)" \
      "$(ls services/soc-api/target/soc-api-*-exec.jar | head -n 1)" ;;
  model) model "${2:-2000}" "${3:-2000}" "${4:-100}" "$JAR" ;;
  pipeline) run pipeline "${2:-30000}" ;;
  api) run api "${2:-1000}" "${3:-60}" "$JAR" ;;
  both) run pipeline 30000; run api 1000 60 "$JAR" ;;
  *) echo "usage: $0 [pipeline [threats] | api [rate] [seconds] | model|model-aws [findings] [delay-ms] [limit]]" >&2; exit 2 ;;
esac
