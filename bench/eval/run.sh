#!/usr/bin/env bash
# Evaluates the ThreatClassifier's technique ranking (the knowledge base's, behind its port) on JSONL
# lines {"text": ..., "technique": "T1234.001"}.
#   bench/eval/run.sh                      all the standard runs (see README.md): on the embedded
#                                          Lucene index, and on OpenSearch too when an endpoint is
#                                          known: SOC_OPENSEARCH_URI, or SOC_TEST_OPENSEARCH_URI as
#                                          eval "$(scripts/backends.sh env)" exports it after
#                                          scripts/backends.sh start opensearch
#   bench/eval/run.sh FILE.jsonl [METHOD] [--opensearch=URI]
#                                          one file; METHOD is search (default), ctid, classifier
#                                          or classifier-text
#   bench/eval/run.sh TYPES.txt coverage
# Works from a fresh clone with an empty Maven cache (the wrapper downloads what it needs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source scripts/lib/java.sh   # JAVA_HOME := a JDK 21+, chosen like every script
JAVA="$JAVA_HOME/bin/java"
MODULE=services/threat-classifier
CP_FILE="$MODULE/target/eval.classpath"
# TechniqueEvaluation lives in the classifier's test sources (it drives the classifier and the
# knowledge base, and ships in no jar); -am compiles the upstream modules in the same reactor.
if [[ ! -f "$MODULE/target/test-classes/ai/socagent/services/threatclassifier/eval/TechniqueEvaluation.class" \
      || ! -f "$CP_FILE" \
      || -n "$(find "$MODULE/src" shared-lib/knowledge-base/src shared-lib/agent-runtime/src shared-lib/domain/src \
               -newer "$CP_FILE" -print -quit)" ]]; then
  JAVA_HOME="$JAVA_HOME" ./mvnw -q -B -pl "$MODULE" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/$CP_FILE" -Dmdep.includeScope=test >&2
fi
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$CP_FILE")"
run() { "$JAVA" -cp "$CP" ai.socagent.services.threatclassifier.eval.TechniqueEvaluation "$@"; }
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
OPENSEARCH="${SOC_OPENSEARCH_URI:-${SOC_TEST_OPENSEARCH_URI:-}}"
if [[ -n "$OPENSEARCH" ]]; then
  run bench/eval/data/procedures-heldout.jsonl search "--opensearch=$OPENSEARCH"
  run bench/eval/data/guardduty-types.jsonl search "--opensearch=$OPENSEARCH"
  run bench/eval/data/guardduty-types.jsonl classifier-text "--opensearch=$OPENSEARCH"
  run bench/eval/data/guardduty-types.jsonl classifier "--opensearch=$OPENSEARCH"
else
  echo "OpenSearch: no endpoint (set SOC_OPENSEARCH_URI, or scripts/backends.sh start opensearch and" \
    'eval "$(scripts/backends.sh env)"), so only the embedded index was evaluated' >&2
fi
