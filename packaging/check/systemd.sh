#!/usr/bin/env bash
# The systemd unit as rendered for the tarball and the .deb: systemd-analyze's exposure at most 3.0 (offline
# analysis: PID 1 need not be systemd), and the settings the issue asked for.
. "$(dirname "$0")/lib.sh"
MAX=3.0
command -v systemd-analyze >/dev/null || fail "systemd-analyze missing (apt-get install systemd)"
for unit in "$TARGET/unit/logship-agent.service" "$TARGET/deb-unit/logship-agent.service"; do
  out=$(systemd-analyze security --offline=true --threshold=30 "$unit" 2>&1) || { echo "$out" | tail -20; fail "$unit: above threshold"; }
  score=$(echo "$out" | sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) .*/\1/p')
  [ -n "$score" ] || { echo "$out" | tail -5; fail "$unit: no exposure level"; }
  awk -v s="$score" -v m="$MAX" 'BEGIN { exit !(s <= m) }' || fail "$unit: exposure $score > $MAX"
  for want in '^RestartPreventExitStatus=2$' '^LimitNOFILE=[0-9]+$' '^MemoryMax=[0-9]+[MG]$' \
              '^ReadWritePaths=/var/lib/logship$' '^CapabilityBoundingSet=$' '^SystemCallFilter=@system-service$' \
              '^SystemCallArchitectures=native$' '^ProtectClock=yes$' '^UMask=0027$'; do
    grep -Eq "$want" "$unit" || fail "$unit: no line matching $want"
  done
  [ "$(grep -c '^ReadWritePaths=' "$unit")" -eq 1 ] || fail "$unit: more than one ReadWritePaths"
  ok "$(basename "$(dirname "$unit")")/logship-agent.service: exposure $score (<= $MAX)"
done
