# shellcheck shell=bash
# Sourced by the scripts: points JAVA_HOME at a JDK 21+ (the Temurin JDK under /usr/lib/jvm on
# our machines; Java 17, the machines' default, is too old). An explicit JAVA_HOME of 21+ wins.

java_major() { # prints the major version of the JDK at $1, or nothing
  local release="$1/release"
  [ -r "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

select_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local candidate best="" best_major=0 major
  for candidate in /usr/lib/jvm/temurin-*-jdk* /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "No JDK 21 or newer found under /usr/lib/jvm. Install one (e.g. Temurin 25) or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

select_java_home || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
