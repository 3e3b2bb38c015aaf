#!/usr/bin/env bash
# The one test command: unit tests, integration tests against real backends, every check of the build.
#
#   scripts/test.sh [maven args...]      e.g. scripts/test.sh -pl shared-lib/test-support
#
# 1. JAVA_HOME := a JDK >= 21 (scripts/lib/java.sh: the newest under /usr/lib/jvm, 25 here)
# 2. terraform fmt -check -recursive infra  when terraform is on the PATH (skipped with a message
#                                        otherwise); a badly formatted .tf fails the run here
#    scripts/backends.sh start           (moto, Redis, OpenSearch on 127.0.0.1; installs what is missing)
# 3. node --test …/src/test/js/         the dashboard's sign-in and live-update logic (Node 20+;
#                                        SOC_JS_TESTS=0 skips it, a missing node fails)
# 4. ./mvnw -B verify "$@"               with the SOC_TEST_* endpoints exported
# 5. scripts/conformance.sh              when the whole reactor was verified (no maven args): the API
#                                        against its OpenAPI document, schemathesis (SOC_CONFORMANCE=0 skips)
# 6. scripts/backends.sh stop            always, on success, failure or Ctrl-C (trap on EXIT)
# Exits with the first failure's status: the JavaScript tests', Maven's or the conformance run's.
#
# SOC_KEEP_BACKENDS=1 leaves the backends running afterwards (so does a run that found them already
# running). SOC_TEST_BACKENDS=containers starts nothing here: Testcontainers does it (needs Docker).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
say() { printf '[test.sh] %s\n' "$*" >&2; }
TIMINGS=()
timed() { # name command...: runs the command, records and prints how long it took; returns its status
  local name="$1" t0 rc=0
  shift
  t0="$(now)"
  "$@" || rc=$?
  TIMINGS+=("$(printf '%-18s %7ss  (exit %s)' "$name" "$(seconds_since "$t0")" "$rc")")
  say "$name took $(seconds_since "$t0")s (exit $rc)"
  return "$rc"
}

TOTAL_START="$(now)"
# shellcheck source=lib/java.sh
source "$REPO_ROOT/scripts/lib/java.sh"
say "JAVA_HOME=$JAVA_HOME ($(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release"))"

BACKENDS=(bash "$REPO_ROOT/scripts/backends.sh")
STOP_BACKENDS=0
# shellcheck disable=SC2317 # invoked by the EXIT trap
finish() {
  local rc=$?
  trap - EXIT INT TERM
  if ((STOP_BACKENDS)); then
    timed "backends stop" "${BACKENDS[@]}" stop || true
  fi
  say "---- timings ----"
  local line
  for line in "${TIMINGS[@]}"; do say "$line"; done
  say "total              $(seconds_since "$TOTAL_START")s, exit $rc"
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The Terraform's format (the AWS provider cannot be downloaded here: no validate, see infra/README.md).
if command -v terraform >/dev/null 2>&1; then
  timed "terraform fmt" terraform fmt -check -recursive -diff infra
else
  say "terraform not on the PATH: skipping terraform fmt -check -recursive infra"
fi

MODE="${SOC_TEST_BACKENDS:-process}"
if [[ "${MODE,,}" == containers ]]; then
  say "SOC_TEST_BACKENDS=containers: Testcontainers starts the backends (Docker required)"
else
  if "${BACKENDS[@]}" status >/dev/null 2>&1; then
    say "backends already running: reusing them, and leaving them running"
  else
    [[ "${SOC_KEEP_BACKENDS:-0}" == 1 ]] || STOP_BACKENDS=1
    timed "backends start" "${BACKENDS[@]}" start
  fi
  eval "$("${BACKENDS[@]}" env)"
  say "endpoints: $SOC_TEST_AWS_ENDPOINT $SOC_TEST_REDIS_URI $SOC_TEST_OPENSEARCH_URI"
fi

# The dashboard's sign-in and live-update logic (static/oidc.js, live.js of soc-api), with node's own
# test runner: no npm, no node_modules.
if [[ "${SOC_JS_TESTS:-1}" == 1 ]]; then
  command -v node >/dev/null 2>&1 \
    || { say "node (20 or newer) is needed for the dashboard's tests: apt-get install nodejs, or SOC_JS_TESTS=0"; exit 2; }
  timed "node --test" node --test services/soc-api/src/test/js/
fi

MAVEN_STATUS=0
timed "maven verify" ./mvnw -B verify "$@" || MAVEN_STATUS=$?
# The whole reactor verified: the API against its OpenAPI document too (schemathesis, scripts/conformance.sh).
if ((MAVEN_STATUS == 0 && $# == 0)) && [[ "${SOC_CONFORMANCE:-1}" == 1 ]]; then
  timed "conformance" bash scripts/conformance.sh || MAVEN_STATUS=$?
fi
exit "$MAVEN_STATUS"
