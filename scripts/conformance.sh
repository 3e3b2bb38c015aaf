#!/usr/bin/env bash
# The SOC API against its own OpenAPI document (issue 11): schemathesis (PyPI, pinned, in a
# virtualenv beside the test backends) runs every check and every phase (examples, coverage,
# fuzzing, stateful links) against a standalone jar started here on a fresh data directory,
# authenticated with an admin key made for the run. Any failure fails the script.
#
#   scripts/conformance.sh          after a build (needs services/standalone/target/standalone-*-exec.jar)
#
# SOC_CONFORMANCE_SECONDS: the fuzzing budget (default 90; the whole run stays under 3 minutes).
# scripts/schemathesis.toml: the configuration (no check is off for any operation).
# scripts/test.sh runs this after `mvnw verify` when it verifies the whole reactor.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
source scripts/lib/java.sh

SCHEMATHESIS_VERSION=4.32.5
BACKENDS_HOME="${SOC_BACKENDS_HOME:-/var/tmp/socagent-backends}"
VENV="$BACKENDS_HOME/schemathesis-venv-$SCHEMATHESIS_VERSION"
SECONDS_BUDGET="${SOC_CONFORMANCE_SECONDS:-90}"
say() { printf '[conformance] %s\n' "$*" >&2; }

if [[ ! -f "$VENV/.installed" ]]; then
  say "installing schemathesis==$SCHEMATHESIS_VERSION into $VENV"
  mkdir -p "$BACKENDS_HOME"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --disable-pip-version-check -q "schemathesis==$SCHEMATHESIS_VERSION"
  touch "$VENV/.installed"
fi

jar="$(ls services/standalone/target/standalone-*-exec.jar 2>/dev/null | head -n 1 || true)"
[[ -n "$jar" ]] || { say "no standalone jar: build first (./mvnw -pl services/standalone -am package)"; exit 2; }

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
key="soc_conformance$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
data="$(mktemp -d)"
reports="$ROOT/target/conformance"
mkdir -p "$reports"
log="$reports/standalone.log"

"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx768m -jar "$jar" \
  --server.port="$port" \
  --logging.level.root=WARN \
  --soc.context-store.embedded.file="$data/context-store" \
  --soc.context-store.archive.local-directory="$data/archive" \
  --soc.event-bus.in-process.journal.directory="$data/event-bus" \
  --soc.knowledge-base.embedded.directory="$data/knowledge-base" \
  --soc.api.security.api-keys.bootstrap-key="$key" \
  --soc.api.throttle.rate-per-second=100000 --soc.api.throttle.burst=100000 \
  >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { say "the standalone exited; its log: $log"; tail -n 30 "$log" >&2; exit 1; }
  sleep 1
done
curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" \
  || { say "the standalone did not become ready; its log: $log"; exit 1; }

say "schemathesis $SCHEMATHESIS_VERSION against http://127.0.0.1:$port (fuzzing budget ${SECONDS_BUDGET}s)"
status=0
"$VENV/bin/schemathesis" --config-file scripts/schemathesis.toml run \
  "http://127.0.0.1:$port/v3/api-docs" \
  --header "X-Api-Key: $key" \
  --max-time "$SECONDS_BUDGET" \
  --generation-deterministic \
  --report junit --report-dir "$reports" \
  >"$reports/schemathesis.log" 2>&1 || status=$?
sed -n '/=\+ SUMMARY =\+/,$p' "$reports/schemathesis.log" >&2
if ((status != 0)); then
  say "conformance failures (exit $status): $reports/schemathesis.log"
  sed -n '/=\+ FAILURES =\+/,/=\+ SUMMARY =\+/p' "$reports/schemathesis.log" | head -n 200 >&2
fi
exit "$status"
