#!/usr/bin/env bash
# Sourced by bench-all.sh and .ci/run: finds JDKs without hard-coding a machine's layout.
# A JDK is a folder with bin/java and bin/javac; its feature version comes from its `release` file.

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing.
jdk_feature_version() {
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "${v:-}" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  printf '%s' "${v:-}"
}

# Lists candidate JDK homes, one per line: JAVA_HOME, the default java's home, and the folders beside it.
jdk_candidates() {
  local java_bin default_home parent
  [ -n "${JAVA_HOME:-}" ] && printf '%s\n' "$JAVA_HOME"
  java_bin=$(command -v java 2>/dev/null || true)
  if [ -n "$java_bin" ]; then
    default_home=$(dirname "$(dirname "$(readlink -f "$java_bin")")")
    printf '%s\n' "$default_home"
    parent=$(dirname "$default_home")
    for d in "$parent"/*; do [ -d "$d" ] && printf '%s\n' "$d"; done
  fi
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/*; do
    [ -d "$d" ] && printf '%s\n' "$d"
  done
  return 0
}

# Prints the home of the newest JDK >= 17, or nothing.
find_newest_jdk() {
  local best="" best_v=0 home v
  while IFS= read -r home; do
    home=$(readlink -f "$home")
    v=$(jdk_feature_version "$home")
    if [ -n "$v" ] && [ "$v" -ge 17 ] && [ "$v" -gt "$best_v" ]; then
      best=$home best_v=$v
    fi
  done < <(jdk_candidates | awk '!seen[$0]++')
  printf '%s' "$best"
}

# Prints the home of a JDK whose feature version is exactly $1, or nothing.
find_jdk_exact() {
  local want=$1 home
  while IFS= read -r home; do
    home=$(readlink -f "$home")
    if [ "$(jdk_feature_version "$home")" = "$want" ]; then
      printf '%s' "$home"
      return 0
    fi
  done < <(jdk_candidates | awk '!seen[$0]++')
}

# Picks the JDK to run benchmarks with: JAVA_HOME when it is >= 17, else the newest >= 17.
pick_jdk() {
  local v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(jdk_feature_version "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 17 ]; then
      printf '%s' "$JAVA_HOME"
      return 0
    fi
  fi
  find_newest_jdk
}
