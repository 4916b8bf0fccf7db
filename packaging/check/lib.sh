# Shared by the packaging checks. Sourced, not run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)
TARGET="$ROOT/packaging/target"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# A free TCP port on loopback (other builds share this machine: never assume 10518/8282/9464 are free).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# smoke LAUNCHER CONFIG [RUNAS]: starts the agent with the embedded local intake explicitly enabled, sends one line,
# reads it back from the local intake, stops it with SIGTERM and checks the stop line. Run in a writable directory.
smoke() {
  local launcher=$1 config=$2 runas=${3:-} in_port intake_port metrics_port pid line deadline log
  in_port=$(free_port); intake_port=$(free_port); metrics_port=$(free_port)
  log=$(mktemp)
  local envs=(LOGSHIP_LOCAL_INTAKE_ENABLED=true LOGSHIP_LOGS_0_PORT=$in_port LOGSHIP_LOCAL_INTAKE_PORT=$intake_port
              LOGSHIP_METRICS_PORT=$metrics_port LOGSHIP_BATCH_MAX_WAIT=200ms)
  if [ -n "$runas" ]; then
    # Not through as_root: a backgrounded function is a subshell, and $! must be the agent (or sudo, which relays
    # SIGTERM) so that the kill below reaches it.
    if [ "$(id -u)" -eq 0 ]; then
      setpriv --reuid="$runas" --regid="$runas" --init-groups env "${envs[@]}" "$launcher" -c "$config" >"$log" 2>&1 &
    else
      sudo setpriv --reuid="$runas" --regid="$runas" --init-groups env "${envs[@]}" "$launcher" -c "$config" >"$log" 2>&1 &
    fi
  else
    env "${envs[@]}" "$launcher" -c "$config" >"$log" 2>&1 &
  fi
  pid=$!
  deadline=$((SECONDS + 30))
  until curl -fs "http://127.0.0.1:$metrics_port/ready" >/dev/null; do
    [ $SECONDS -lt $deadline ] && kill -0 $pid 2>/dev/null || { cat "$log"; fail "agent did not become ready"; }
    sleep 0.2
  done
  line="smoke-$RANDOM-$RANDOM"
  printf '{"message":"%s"}\n' "$line" > "/dev/tcp/127.0.0.1/$in_port"
  deadline=$((SECONDS + 30))
  until curl -fs "http://127.0.0.1:$intake_port/api/records?limit=10" | grep -q "$line"; do
    [ $SECONDS -lt $deadline ] || { cat "$log"; fail "record not in the local intake"; }
    sleep 0.2
  done
  curl -fs "http://127.0.0.1:$metrics_port/health" >/dev/null || fail "/health"
  if [ -n "$runas" ] && [ "$(id -u)" -ne 0 ]; then sudo kill -TERM $pid; else kill -TERM $pid; fi
  wait $pid || true
  grep -q 'stopped: 1 record delivered' "$log" || { cat "$log"; fail "no stop line with 1 delivered record"; }
  rm -f "$log"
}
