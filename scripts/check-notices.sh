#!/usr/bin/env bash
# Checks that a shaded jar names every library it bundles in THIRD-PARTY-NOTICES.md and carries that notice.
# Usage: scripts/check-notices.sh [path/to/offload-bench.jar]   (default: bench/target/offload-bench.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-bench/target/offload-bench.jar}
notices=THIRD-PARTY-NOTICES.md
[ -f "$jar" ] || { echo "check-notices: $jar not found; build it first (mvn -B package -pl bench -am)" >&2; exit 2; }
listing=$(unzip -Z1 "$jar")
grep -qx 'META-INF/THIRD-PARTY-NOTICES.md' <<<"$listing" || { echo "check-notices: $jar lacks META-INF/THIRD-PARTY-NOTICES.md" >&2; exit 1; }
missing=0
while IFS= read -r props; do
  ga=$(sed -E 's|META-INF/maven/([^/]+)/([^/]+)/pom.properties|\1:\2|' <<<"$props")
  case "$ga" in org.offloadbench:*) continue ;; esac
  if ! grep -qF "| $ga |" "$notices"; then
    echo "check-notices: $jar bundles $ga, which $notices does not list" >&2
    missing=$((missing + 1))
  fi
done < <(grep -E '^META-INF/maven/[^/]+/[^/]+/pom.properties$' <<<"$listing")
[ "$missing" -eq 0 ] || exit 1
echo "check-notices: every bundled library of $jar is listed in $notices"
