#!/usr/bin/env bash
# One command from a fresh clone to an HTML report a review can trust:
# picks a JDK (>= 17), builds what is missing, runs the benchmarks, renders the report, prints its path.
#
#   ./scripts/bench-all.sh                 standard profile (<= 30 min on 2 cores)
#   ./scripts/bench-all.sh --quick         quick profile (<= 5 min)
#   ./scripts/bench-all.sh --full          everything, long
#   ./scripts/bench-all.sh --quick --models threads/platform-pool --suites overhead,scaling
#
# Every other option is passed to 'bench run' (see: java -jar bench/target/offload-bench.jar run --help).
# Environment: JAVA_HOME (used when >= 17), MVN (maven command, default mvn), MVN_ARGS (extra maven flags),
# BENCH_CLASSPATH (extra jars, ':'-separated, e.g. your own workloads; forked JVMs inherit them).
set -euo pipefail

readonly MIN_JAVA=17
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly root
readonly jar="$root/bench/target/offload-bench.jar"
started=$SECONDS

say() { printf 'bench-all: %s\n' "$*" >&2; }

# JDK discovery is shared with .ci/run: JAVA_HOME when >= 17, else the newest JDK >= 17 found beside the
# default java or under the usual JDK folders.
# shellcheck source=scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"

# True when the jar is missing or any source, resource or pom is newer than it.
needs_build() {
  [[ -f "$jar" ]] || return 0
  [[ -n "$(find "$root" -name target -prune -o -name .git -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -type f -newer "$jar" -print -quit)" ]]
}

java_home="$(pick_jdk)"
if [[ -z "$java_home" ]]; then
  say "no JDK >= $MIN_JAVA found (set JAVA_HOME, or install one under /usr/lib/jvm)"
  exit 2
fi
java_bin="$java_home/bin/java"
say "using $("$java_bin" -version 2>&1 | head -n 1) from $java_home"
java_opts=()
# JMH 1.37 uses sun.misc.Unsafe; JDK 24+ warns about it on every start unless told it is expected
if (( $(jdk_feature_version "$java_home") >= 24 )); then java_opts+=(--sun-misc-unsafe-memory-access=allow); fi

if needs_build; then
  say "building offload-bench.jar (mvn -B -q -DskipTests package)"
  maven_opts="${MAVEN_OPTS:-}"
  if (( ${#java_opts[@]} > 0 )); then maven_opts="$maven_opts ${java_opts[*]}"; fi
  # shellcheck disable=SC2086  # MVN_ARGS is a list of flags on purpose
  (cd "$root" && JAVA_HOME="$java_home" MAVEN_OPTS="$maven_opts" ${MVN:-mvn} -B -q -DskipTests ${MVN_ARGS:-} package)
fi

launcher=(-jar "$jar")
if [[ -n "${BENCH_CLASSPATH:-}" ]]; then
  # -cp ignores the jar's manifest, so the export shm/agrona's Agrona 2.x needs is given here
  launcher=(--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp "$jar:$BENCH_CLASSPATH" org.offloadbench.bench.cli.BenchCli)
fi

run_args=()
for arg in "$@"; do
  case "$arg" in
    --quick) run_args+=(--profile quick) ;;
    --standard) run_args+=(--profile standard) ;;
    --full) run_args+=(--profile full) ;;
    *) run_args+=("$arg") ;;
  esac
done

log="$(mktemp "${TMPDIR:-/tmp}/bench-all.XXXXXX")"
trap 'rm -f "$log"' EXIT
# Ctrl-C reaches java directly (same process group); it saves the results as incomplete and exits 130.
# The script waits for that and still renders what finished.
trap 'say "interrupted: waiting for the runner to save its results"' INT

run_rc=0
# a fixed heap for the runner, which hosts the in-process models in the scaling, latency and responsiveness
# suites: a growing heap puts allocations on never-touched memory (bench/plan/ForkHeap explains; the forks get one too),
# on transparent huge pages where the kernel offers them (core/worker/HugePages explains; so do forks and children),
# touched once at start (-XX:+AlwaysPreTouch, 0.2-2 s once): the runner is the load generator of every saturated
# suite, and a fresh 1 GiB heap spent ~12 % of the CPU zeroing pages (perf: clear_page_erms) for its first ~5 s under
# load, inside the first measured steps. Forks and children are not pre-touched: a spawn time is measured there, or
# it would be paid 44 times in a quick run.
runner_heap=(-Xms1g -Xmx1g -XX:+AlwaysPreTouch)
if grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
  runner_heap+=(-XX:+UseTransparentHugePages)
fi
# The runner's stdout stays this script's own (no pipe through tee), so on a terminal it draws its progress bar
# (a pipe would hide the terminal from it); it writes the plain lines, "results: <folder>" among them, to $log.
progress=plain
if [[ -t 1 ]]; then
  progress=bar
  # the bar's width (the runner does not probe the terminal itself)
  COLUMNS="$(tput cols 2>/dev/null || echo 100)"
  export COLUMNS
fi
"$java_bin" "${runner_heap[@]}" ${java_opts[@]+"${java_opts[@]}"} "${launcher[@]}" run --progress "$progress" \
  --progress-log "$log" ${run_args[@]+"${run_args[@]}"} || run_rc=$?
folder="$(sed -n 's/^results: //p' "$log" | tail -n 1)"

if [[ -z "$folder" ]]; then
  say "the run wrote no results folder (exit code $run_rc)"
  exit "$(( run_rc == 0 ? 1 : run_rc ))"
fi
if (( run_rc != 0 )); then
  say "the run ended with exit code $run_rc (incomplete or a suite failed); rendering what finished"
fi

report_rc=0
"$java_bin" ${java_opts[@]+"${java_opts[@]}"} "${launcher[@]}" report "$folder" || report_rc=$?
elapsed=$(( SECONDS - started ))
if (( report_rc == 0 )); then
  say "report: $folder/report/index.html"
else
  say "report rendering failed (exit code $report_rc); results are in $folder"
fi
say "total time: $(( elapsed / 60 ))m$(printf '%02d' $(( elapsed % 60 )))s"
if (( run_rc != 0 )); then exit "$run_rc"; fi
exit "$report_rc"
