#!/usr/bin/env bash
# Evaluates the offline engine's technique ranking on JSONL lines {"text": ..., "technique": "T1234.001"}.
#   bench/eval/run.sh                      all the standard runs (see README.md)
#   bench/eval/run.sh FILE.jsonl [METHOD]  one file; METHOD is search (default), ctid or classifier
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source scripts/lib/java.sh   # JAVA_HOME := a JDK 21+, chosen like every script
JAVA="$JAVA_HOME/bin/java"
MODULE=shared-lib/agent-runtime
CP_FILE="$MODULE/target/eval.classpath"
if [[ ! -f "$MODULE/target/classes/ai/socagent/agentruntime/offline/TechniqueEvaluation.class" || ! -f "$CP_FILE" \
      || -n "$(find "$MODULE/src/main" -newer "$CP_FILE" -print -quit)" ]]; then
  JAVA_HOME="$JAVA_HOME" ./mvnw -q -B -o -pl "$MODULE" -am compile dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/$CP_FILE" -DincludeScope=runtime >&2
fi
CP="$MODULE/target/classes:$(cat "$CP_FILE")"
run() { "$JAVA" -cp "$CP" ai.socagent.agentruntime.offline.TechniqueEvaluation "$@"; }
if [[ $# -gt 0 ]]; then
  run "$@"
  exit
fi
run bench/eval/data/procedures-heldout.jsonl search
run bench/eval/data/guardduty-finding-types.txt coverage
run bench/eval/data/guardduty-types.jsonl ctid
run bench/eval/data/guardduty-types.jsonl search
run bench/eval/data/guardduty-types.jsonl classifier-text
run bench/eval/data/guardduty-types.jsonl classifier
