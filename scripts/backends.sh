#!/usr/bin/env bash
# Real backends for the integration tests, as local processes on 127.0.0.1 (no Docker needed):
#   moto     - AWS API emulator (DynamoDB, S3, KMS, SQS, EventBridge, SNS, EC2, IAM, ...), from PyPI
#   redis    - redis-server from Debian's package
#   opensearch - OpenSearch integ-test-zip from Maven Central (core only: no plugins, no security)
#
# Usage: scripts/backends.sh start|stop|status|env [moto|redis|opensearch ...]
#   start   install what is missing (cached under $SOC_BACKENDS_HOME) and start; waits until each answers
#   stop    stop exactly what start started (pid files); safe to call any number of times
#   status  one line per backend; exit 0 only if all named backends run and answer
#   env     print the endpoints as 'export' lines, for: eval "$(scripts/backends.sh env)"
#
# Settings (environment):
#   SOC_BACKENDS_HOME          install/run directory     (default /var/tmp/socagent-backends; not under
#                              /root: the opensearch user must reach it)
#   SOC_MOTO_PORT              moto port                 (default 15566)
#   SOC_REDIS_PORT             redis port                (default 16379; never the system redis's 6379)
#   SOC_OPENSEARCH_PORT        OpenSearch HTTP port      (default 19200)
#   SOC_OPENSEARCH_TRANSPORT_PORT  OpenSearch transport  (default 19300)
#   SOC_OPENSEARCH_HEAP        OpenSearch heap           (default 512m)
#   SOC_BACKENDS_START_TIMEOUT seconds to wait for each backend to answer (default 120)
set -euo pipefail

readonly MOTO_VERSION=5.2.5
readonly OPENSEARCH_VERSION=3.3.2
# sha256 of org.opensearch.distribution.integ-test-zip:opensearch:3.3.2:zip on Maven Central.
readonly OPENSEARCH_SHA256=1f8b62b09ed873ddc20164da79cbb1709687b19d0b6234f6b2a69ccbdd7906e7
readonly OPENSEARCH_URL="https://repo.maven.apache.org/maven2/org/opensearch/distribution/integ-test-zip/opensearch/${OPENSEARCH_VERSION}/opensearch-${OPENSEARCH_VERSION}.zip"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

BACKENDS_HOME="${SOC_BACKENDS_HOME:-/var/tmp/socagent-backends}"
MOTO_PORT="${SOC_MOTO_PORT:-15566}"
REDIS_PORT="${SOC_REDIS_PORT:-16379}"
OPENSEARCH_PORT="${SOC_OPENSEARCH_PORT:-19200}"
OPENSEARCH_TRANSPORT_PORT="${SOC_OPENSEARCH_TRANSPORT_PORT:-19300}"
OPENSEARCH_HEAP="${SOC_OPENSEARCH_HEAP:-512m}"
START_TIMEOUT="${SOC_BACKENDS_START_TIMEOUT:-120}"

LOGS="$BACKENDS_HOME/logs"
RUN="$BACKENDS_HOME/run"
MOTO_VENV="$BACKENDS_HOME/moto-venv-$MOTO_VERSION"
MOTO_PID="$RUN/moto.pid"
REDIS_PID="$RUN/redis.pid"
OS_DIST="$BACKENDS_HOME/opensearch-$OPENSEARCH_VERSION"
OS_STATE="$BACKENDS_HOME/opensearch-state"   # data, tmp, pid: owned by the opensearch user
OS_LOGS="$LOGS/opensearch"                    # the node's own logs, owned by the opensearch user too
OS_PID="$OS_STATE/opensearch.pid"
OS_USER=opensearch
ALL_BACKENDS=(moto redis opensearch)

log() { printf '[backends] %s\n' "$*" >&2; }
die() { printf '[backends] ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
is_root() { [[ "$(id -u)" == 0 ]]; }

show_log_tail() { # file [lines]
  local file="$1" lines="${2:-40}"
  if [[ -r "$file" ]]; then
    printf '[backends] ---- last %s lines of %s ----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2 || true
    printf '[backends] ---- end of %s ----\n' "$file" >&2
  fi
}

# True if something accepts TCP connections on 127.0.0.1:port.
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# pid_alive pidfile pattern: the pid in the file runs and its command line matches the pattern,
# so a recycled pid is never taken for ours.
pid_of() { [[ -r "$1" ]] && tr -dc '0-9' <"$1"; }
pid_alive() {
  local pid
  pid="$(pid_of "$1" 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}

# stop_pid name pidfile pattern: TERM, wait up to 30 s, then KILL. Only ever the process in the pid file.
stop_pid() {
  local name="$1" pidfile="$2" pattern="$3" pid i
  if ! pid_alive "$pidfile" "$pattern"; then
    rm -f "$pidfile" 2>/dev/null || true
    log "$name: not running"
    return 0
  fi
  pid="$(pid_of "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name: still running after 30 s, killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile" 2>/dev/null || true
  log "$name: stopped (pid $pid)"
}

# wait_until name seconds pidfile pattern logfile command...: polls the command (bounded), fails fast
# when the process died, prints the log tail on failure.
wait_until() {
  local name="$1" seconds="$2" pidfile="$3" pattern="$4" logfile="$5"
  shift 5
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if ! pid_alive "$pidfile" "$pattern"; then
      log "$name: process exited before it answered"
      show_log_tail "$logfile"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log "$name: did not answer within ${seconds}s"
      show_log_tail "$logfile"
      return 1
    fi
    sleep 0.5
  done
}

find_java_home() { # a JDK >= 21 (SOC_JAVA_HOME wins), chosen the same way as every script
  (JAVA_HOME="${SOC_JAVA_HOME:-${JAVA_HOME:-}}" && source "$REPO_ROOT/scripts/lib/java.sh" && printf '%s\n' "$JAVA_HOME")
}

# ---------------------------------------------------------------- moto
moto_pattern() { printf '%s' "moto_server -H 127.0.0.1 -p $MOTO_PORT"; }
# The dashboard page, not /moto-api/data.json: that one serialises every model and answers 500 once a
# kept moto holds a dangling S3 reference (seen after hours of ITs against one SOC_KEEP_BACKENDS moto).
moto_answers() { curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$MOTO_PORT/moto-api/" 2>/dev/null; }

install_moto() {
  [[ -f "$MOTO_VENV/.installed" ]] && return 0
  local t0
  t0="$(now)"
  log "moto: installing moto[server]==$MOTO_VERSION into $MOTO_VENV"
  rm -rf "$MOTO_VENV"
  if ! python3 -m venv "$MOTO_VENV" >"$LOGS/moto-install.log" 2>&1; then
    # Debian's python3 ships venv/ensurepip separately.
    if is_root && command -v apt-get >/dev/null; then
      log "moto: python3 -m venv failed; installing python3-venv from Debian"
      apt_install python3-venv
      rm -rf "$MOTO_VENV"
      python3 -m venv "$MOTO_VENV" >>"$LOGS/moto-install.log" 2>&1 \
        || { show_log_tail "$LOGS/moto-install.log"; die "moto: cannot create a virtualenv with python3"; }
    else
      show_log_tail "$LOGS/moto-install.log"
      die "moto: 'python3 -m venv' failed (install python3-venv, e.g. apt-get install python3-venv)"
    fi
  fi
  # --no-compile: byte-compiling all of moto takes ~25 s; Python compiles what the server imports.
  if ! "$MOTO_VENV/bin/pip" install --disable-pip-version-check -q --no-compile "moto[server]==$MOTO_VERSION" \
    >>"$LOGS/moto-install.log" 2>&1; then
    show_log_tail "$LOGS/moto-install.log"
    die "moto: pip install moto[server]==$MOTO_VERSION failed"
  fi
  touch "$MOTO_VENV/.installed"
  log "moto: installed in $(elapsed "$t0")"
}

launch_moto() {
  if pid_alive "$MOTO_PID" "$(moto_pattern)"; then
    log "moto: already running (pid $(pid_of "$MOTO_PID"))"
    return 0
  fi
  port_open "$MOTO_PORT" && die "moto: port $MOTO_PORT is taken by another process; set SOC_MOTO_PORT"
  # Our moto never sees real credentials, and must never forward anything to AWS.
  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 \
    setsid nohup "$MOTO_VENV/bin/python" "$MOTO_VENV/bin/moto_server" -H 127.0.0.1 -p "$MOTO_PORT" \
    </dev/null >"$LOGS/moto.log" 2>&1 9>&- &
  echo $! >"$MOTO_PID"
}

wait_moto() {
  wait_until moto "$START_TIMEOUT" "$MOTO_PID" "$(moto_pattern)" "$LOGS/moto.log" moto_answers
}

status_moto() {
  if pid_alive "$MOTO_PID" "$(moto_pattern)" && moto_answers; then
    echo "moto:       running (pid $(pid_of "$MOTO_PID")) at http://127.0.0.1:$MOTO_PORT (moto $MOTO_VERSION)"
  else
    echo "moto:       not running (port $MOTO_PORT)"
    return 1
  fi
}

stop_moto() { stop_pid moto "$MOTO_PID" "$(moto_pattern)"; }

# ---------------------------------------------------------------- redis
redis_pattern() { printf '%s' "redis-server 127.0.0.1:$REDIS_PORT"; }
redis_answers() {
  local reply
  reply="$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT; printf 'PING\r\n' >&3; head -c 5 <&3" 2>/dev/null)" \
    || return 1
  [[ "$reply" == "+PONG" ]]
}

apt_updated=0
apt_install() {
  if ((apt_updated == 0)); then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$LOGS/apt.log" 2>&1 \
      || { show_log_tail "$LOGS/apt.log"; die "apt-get update failed"; }
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >>"$LOGS/apt.log" 2>&1 \
    || { show_log_tail "$LOGS/apt.log"; die "apt-get install $* failed"; }
}

redis_bin() { command -v redis-server || { [[ -x /usr/bin/redis-server ]] && echo /usr/bin/redis-server; }; }

install_redis() {
  [[ -n "$(redis_bin)" ]] && return 0
  is_root || die "redis: redis-server is not installed and this is not root: run 'sudo apt-get install -y redis-server' once"
  command -v apt-get >/dev/null || die "redis: redis-server is missing and there is no apt-get to install it"
  local t0
  t0="$(now)"
  log "redis: installing redis-server from Debian"
  apt_install redis-server
  [[ -n "$(redis_bin)" ]] || die "redis: apt-get installed redis-server but there is no redis-server binary"
  log "redis: installed in $(elapsed "$t0")"
}

launch_redis() {
  if pid_alive "$REDIS_PID" "$(redis_pattern)"; then
    log "redis: already running (pid $(pid_of "$REDIS_PID"))"
    return 0
  fi
  rm -f "$REDIS_PID"
  port_open "$REDIS_PORT" && die "redis: port $REDIS_PORT is taken by another process; set SOC_REDIS_PORT"
  mkdir -p "$BACKENDS_HOME/redis-data"
  "$(redis_bin)" --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --pidfile "$REDIS_PID" --logfile "$LOGS/redis.log" --dir "$BACKENDS_HOME/redis-data" \
    >"$LOGS/redis-launch.log" 2>&1 9>&- || {
    show_log_tail "$LOGS/redis-launch.log"
    die "redis: redis-server did not start"
  }
  # --daemonize writes the pid file a moment after the command returns.
  local deadline=$((SECONDS + 10))
  until [[ -s "$REDIS_PID" ]]; do
    ((SECONDS < deadline)) || { show_log_tail "$LOGS/redis.log"; die "redis: no pid file $REDIS_PID"; }
    sleep 0.1
  done
}

wait_redis() {
  wait_until redis "$START_TIMEOUT" "$REDIS_PID" "$(redis_pattern)" "$LOGS/redis.log" redis_answers
}

status_redis() {
  if pid_alive "$REDIS_PID" "$(redis_pattern)" && redis_answers; then
    echo "redis:      running (pid $(pid_of "$REDIS_PID")) at redis://127.0.0.1:$REDIS_PORT"
  else
    echo "redis:      not running (port $REDIS_PORT)"
    return 1
  fi
}

stop_redis() { stop_pid redis "$REDIS_PID" "$(redis_pattern)"; }

# ---------------------------------------------------------------- opensearch
os_pattern() { printf '%s' "-Dopensearch.path.home=$OS_DIST "; }
os_answers() {
  curl -fsS -m 5 -o /dev/null \
    "http://127.0.0.1:$OPENSEARCH_PORT/_cluster/health?wait_for_status=yellow&timeout=3s" 2>/dev/null
}
os_log() { printf '%s' "$OS_LOGS/socagent-test.log"; }

# The distribution refuses to run as root: it runs as a system user 'opensearch' when we are root.
os_run_as_user() {
  if is_root; then printf '%s' "$OS_USER"; else id -un; fi
}

ensure_os_user() {
  is_root || return 0
  id -u "$OS_USER" >/dev/null 2>&1 && return 0
  log "opensearch: creating system user $OS_USER"
  useradd -r -M -d /nonexistent -s /usr/sbin/nologin "$OS_USER"
}

download_opensearch() { # -> path of the verified zip
  local zip="$BACKENDS_HOME/downloads/opensearch-$OPENSEARCH_VERSION.zip"
  mkdir -p "$BACKENDS_HOME/downloads"
  if [[ -f "$zip" ]] && echo "$OPENSEARCH_SHA256  $zip" | sha256sum -c --status; then
    printf '%s\n' "$zip"
    return 0
  fi
  log "opensearch: downloading $OPENSEARCH_VERSION integ-test-zip from Maven Central"
  if ! curl -fsSL --retry 3 --connect-timeout 20 -m 600 -o "$zip.part" "$OPENSEARCH_URL" 2>"$LOGS/opensearch-download.log"; then
    # Fall back to Maven (it honours the user's Maven settings, mirrors included).
    log "opensearch: curl failed, trying the Maven wrapper"
    local jh
    jh="$(find_java_home)" || die "opensearch: no JDK >= 21 under /usr/lib/jvm for the Maven fallback"
    (cd "$REPO_ROOT" && JAVA_HOME="$jh" ./mvnw -B -q dependency:copy \
      -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$OPENSEARCH_VERSION:zip" \
      -DoutputDirectory="$BACKENDS_HOME/downloads" -Dmdep.stripVersion=false) >>"$LOGS/opensearch-download.log" 2>&1 \
      || { show_log_tail "$LOGS/opensearch-download.log"; die "opensearch: download failed"; }
    mv -f "$zip" "$zip.part"
  fi
  echo "$OPENSEARCH_SHA256  $zip.part" | sha256sum -c --status \
    || die "opensearch: checksum mismatch for $OPENSEARCH_URL"
  mv -f "$zip.part" "$zip"
  printf '%s\n' "$zip"
}

install_opensearch() {
  ensure_os_user
  if [[ ! -f "$OS_DIST/.installed" ]]; then
    local t0 zip
    t0="$(now)"
    zip="$(download_opensearch)"
    if ! command -v unzip >/dev/null; then
      is_root || die "opensearch: 'unzip' is missing: apt-get install -y unzip"
      apt_install unzip
    fi
    rm -rf "$OS_DIST" "$BACKENDS_HOME/opensearch-unzip"
    mkdir -p "$BACKENDS_HOME/opensearch-unzip"
    unzip -q "$zip" -d "$BACKENDS_HOME/opensearch-unzip"
    mv "$BACKENDS_HOME/opensearch-unzip/opensearch-$OPENSEARCH_VERSION" "$OS_DIST"
    rmdir "$BACKENDS_HOME/opensearch-unzip"
    touch "$OS_DIST/.installed"
    log "opensearch: installed in $(elapsed "$t0")"
  fi
  if is_root; then
    chown -R "$OS_USER:" "$OS_DIST"
  fi
}

launch_opensearch() {
  if pid_alive "$OS_PID" "$(os_pattern)"; then
    log "opensearch: already running (pid $(pid_of "$OS_PID"))"
    return 0
  fi
  port_open "$OPENSEARCH_PORT" && die "opensearch: port $OPENSEARCH_PORT is taken by another process; set SOC_OPENSEARCH_PORT"
  port_open "$OPENSEARCH_TRANSPORT_PORT" \
    && die "opensearch: port $OPENSEARCH_TRANSPORT_PORT is taken by another process; set SOC_OPENSEARCH_TRANSPORT_PORT"
  local jh user
  jh="$(find_java_home)" || die "opensearch: no JDK >= 21 found under /usr/lib/jvm (set SOC_JAVA_HOME)"
  user="$(os_run_as_user)"
  # A fresh node each start: the tests make unique names anyway, and no stale state survives.
  rm -rf "$OS_STATE" "$OS_LOGS"
  mkdir -p "$OS_STATE/data" "$OS_STATE/tmp" "$OS_LOGS"
  is_root && chown -R "$OS_USER:" "$OS_STATE" "$OS_LOGS"
  local -a cmd=(env OPENSEARCH_JAVA_HOME="$jh" OPENSEARCH_JAVA_OPTS="-Xms$OPENSEARCH_HEAP -Xmx$OPENSEARCH_HEAP"
    OPENSEARCH_TMPDIR="$OS_STATE/tmp"
    "$OS_DIST/bin/opensearch" -d -p "$OS_PID"
    -Ecluster.name=socagent-test -Enode.name=socagent-test-node
    -Ediscovery.type=single-node -Enetwork.host=127.0.0.1
    -Ehttp.port="$OPENSEARCH_PORT" -Etransport.port="$OPENSEARCH_TRANSPORT_PORT"
    -Epath.data="$OS_STATE/data" -Epath.logs="$OS_LOGS"
    -Ecluster.routing.allocation.disk.threshold_enabled=false)
  local rc=0
  if [[ "$user" != "$(id -un)" ]]; then
    runuser -u "$user" -- "${cmd[@]}" </dev/null >"$LOGS/opensearch-launch.log" 2>&1 9>&- || rc=$?
  else
    "${cmd[@]}" </dev/null >"$LOGS/opensearch-launch.log" 2>&1 9>&- || rc=$?
  fi
  if ((rc != 0)); then
    show_log_tail "$LOGS/opensearch-launch.log"
    show_log_tail "$(os_log)"
    die "opensearch: launcher exited with status $rc"
  fi
  local deadline=$((SECONDS + 30))
  until [[ -s "$OS_PID" ]]; do
    if ((SECONDS >= deadline)); then
      show_log_tail "$LOGS/opensearch-launch.log"
      show_log_tail "$(os_log)"
      die "opensearch: no pid file $OS_PID after 30 s"
    fi
    sleep 0.2
  done
}

wait_opensearch() {
  wait_until opensearch "$START_TIMEOUT" "$OS_PID" "$(os_pattern)" "$(os_log)" os_answers
}

status_opensearch() {
  if pid_alive "$OS_PID" "$(os_pattern)" && os_answers; then
    echo "opensearch: running (pid $(pid_of "$OS_PID")) at http://127.0.0.1:$OPENSEARCH_PORT (OpenSearch $OPENSEARCH_VERSION)"
  else
    echo "opensearch: not running (port $OPENSEARCH_PORT)"
    return 1
  fi
}

stop_opensearch() { stop_pid opensearch "$OS_PID" "$(os_pattern)"; }

# ---------------------------------------------------------------- commands
env_lines() {
  cat <<EOF
SOC_TEST_AWS_ENDPOINT=http://127.0.0.1:$MOTO_PORT
SOC_TEST_AWS_REGION=us-east-1
SOC_TEST_REDIS_URI=redis://127.0.0.1:$REDIS_PORT
SOC_TEST_OPENSEARCH_URI=http://127.0.0.1:$OPENSEARCH_PORT
EOF
}

prepare_home() {
  mkdir -p "$BACKENDS_HOME" "$LOGS" "$RUN"
  # The opensearch user must be able to walk into its directories.
  chmod 755 "$BACKENDS_HOME" 2>/dev/null || true
}

with_lock() { # one start/stop at a time per home directory; every daemon is spawned with 9>&- so
  # that it does not inherit (and hold forever) this lock.
  exec 9>"$BACKENDS_HOME/.lock"
  flock -w 300 9 || die "another backends.sh holds $BACKENDS_HOME/.lock"
}

cmd_start() {
  local b t0 total
  total="$(now)"
  # Slowest first: OpenSearch boots (in the background) while the others install and start.
  for b in opensearch moto redis; do
    [[ " $* " == *" $b "* ]] || continue
    t0="$(now)"
    "install_$b"
    "launch_$b"
    log "$b: installed and launched in $(elapsed "$t0")"
  done
  for b in opensearch moto redis; do
    [[ " $* " == *" $b "* ]] || continue
    t0="$(now)"
    "wait_$b" || die "$b did not start (logs: $LOGS)"
    log "$b: ready after another $(elapsed "$t0")"
  done
  env_lines >"$BACKENDS_HOME/backends.env"
  log "all started in $(elapsed "$total"); endpoints in $BACKENDS_HOME/backends.env"
}

cmd_stop() {
  local b
  for b in "$@"; do "stop_$b"; done
}

cmd_status() {
  local b rc=0
  for b in "$@"; do "status_$b" || rc=3; done
  return "$rc"
}

main() {
  local command_name="${1:-}"
  shift || true
  local -a backends=("$@")
  ((${#backends[@]})) || backends=("${ALL_BACKENDS[@]}")
  local b
  for b in "${backends[@]}"; do
    [[ " ${ALL_BACKENDS[*]} " == *" $b "* ]] || die "unknown backend '$b' (known: ${ALL_BACKENDS[*]})"
  done
  case "$command_name" in
    start) prepare_home; with_lock; cmd_start "${backends[@]}" ;;
    stop) [[ -d "$BACKENDS_HOME" ]] || { log "nothing to stop"; return 0; }; prepare_home; with_lock; cmd_stop "${backends[@]}" ;;
    status) cmd_status "${backends[@]}" ;;
    env) env_lines | sed 's/^/export /' ;;
    *) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
}

main "$@"
