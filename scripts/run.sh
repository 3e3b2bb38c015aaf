#!/usr/bin/env bash
# Runs the product in standalone mode: the whole fleet in one JVM, embedded backends, no AWS
# account, no Docker. Builds what is needed first. Then open http://localhost:8080/
#
#   scripts/run.sh            # port 8080
#   SOC_PORT=9090 scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/java.sh

echo "==> Building the standalone application with $JAVA_HOME"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl services/standalone -am install

jar=$(ls services/standalone/target/standalone-*-exec.jar | head -n 1)
echo "==> Starting $jar on port ${SOC_PORT:-8080}"
echo "    dashboard:  http://localhost:${SOC_PORT:-8080}/  (sign in with an API key)"
echo "    threats:    curl -H \"X-Api-Key: \$KEY\" http://localhost:${SOC_PORT:-8080}/api/v1/threats"
echo "    health:     http://localhost:${SOC_PORT:-8080}/actuator/health"
if [[ -n "${SOC_API_SECURITY_API_KEYS_BOOTSTRAP_KEY:-}" ]]; then
  echo "    API key:    SOC_API_SECURITY_API_KEYS_BOOTSTRAP_KEY (an admin key)"
else
  echo "    API key:    at the first start an admin key is printed once below (only its hash is kept in"
  echo "                data/); or start with SOC_API_SECURITY_API_KEYS_BOOTSTRAP_KEY=soc_<16+ chars>"
fi
# --enable-native-access: RocksDB (the embedded context store) loads its native library through JNI,
# which Java 24+ otherwise warns about at start-up.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"
