#!/usr/bin/env bash
# logship benchmark harness (issue 8). Run on demand, never in CI's test run:
#
#   bench/run.sh                 # install peers, build, run everything, print one Markdown report (~5.5 min)
#   bench/run.sh --no-build      # reuse agent/target/logship-agent.jar and the compiled test classes
#   bench/run.sh --skip-jmh      # agent runs only
#
# What it does: installs syslog-ng 3.38 (syslog-ng-core, syslog-ng-mod-http) from apt if missing, builds the
# agent jar and the JMH test classes, then bench/bench.py runs the load generator → agent → local intake (discard
# mode) with zstd, gzip and none, the same load → syslog-ng → the same intake, the latency runs at 50 % of the
# measured peak, connection scaling (1/10/100/1000) at one total rate, and the JMH benchmarks with short settings.
# Everything listens on 127.0.0.1 only. Environment: AGENT_JAVA_OPTS (JVM flags of the agent), WINDOW (seconds
# measured per run, default 8), WARMUP (seconds before the window, default 4), REPEAT (throughput runs per
# configuration, the best is reported; default 2), SCALING_RATE (lines/s, default 50000), KEEP_TMP=1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=1; jmh=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --skip-jmh) jmh=0 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

if ! dpkg -s syslog-ng-core syslog-ng-mod-http >/dev/null 2>&1; then
  echo "== installing syslog-ng 3.38 (apt)" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq syslog-ng-core syslog-ng-mod-http >/dev/null
fi

if [ "$build" = 1 ]; then
  echo "== building (mvnw package, tests skipped; JMH classes compiled)" >&2
  ./mvnw -B -q -DskipTests package
fi
if [ "$jmh" = 1 ] && { [ "$build" = 1 ] || [ ! -s bench/target/cp-ext.txt ]; }; then
  mkdir -p bench/target   # ignored by git (target/)
  ./mvnw -B -q -pl logging-extension dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$root/bench/target/cp-ext.txt" >/dev/null
fi

args=()
[ "$jmh" = 0 ] && args+=(--skip-jmh)
exec python3 bench/bench.py "${args[@]}"
