#!/usr/bin/env bash
# The tarball as an operator uses it: unpack, the packaged config refuses to run without a destination (exit 2, one
# line), runs with one, and an upgrade is unpacking the new version next to the old and moving a symlink.
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tar xzf "$TARGET/logship-agent-$VERSION.tar.gz" -C "$tmp"
home="$tmp/logship-agent-$VERSION"
ln -s "$home" "$tmp/current"
for f in bin/logship-agent lib/logship-agent.jar etc/agent.yaml systemd/logship-agent.service Containerfile \
         kubernetes/sidecar.yaml kubernetes/daemonset.yaml kubernetes/aggregator.yaml README.md; do
  [ -e "$home/$f" ] || fail "tarball lacks $f"
done
[ -x "$home/bin/logship-agent" ] || fail "bin/logship-agent not executable"

set +e
out=$(cd "$tmp" && env -u DD_API_KEY -u LOGSHIP_API_KEY -u LOGSHIP_INTAKE_URL "$tmp/current/bin/logship-agent" -c "$tmp/current/etc/agent.yaml" 2>&1)
rc=$?
set -e
[ $rc -eq 2 ] || fail "no destination: exit $rc, expected 2 ($out)"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "no destination: expected one line, got: $out"
printf '%s\n' "$out" | grep -q 'require_destination: no destination' || fail "unexpected line: $out"
ok "packaged config without a destination: exit 2, '$out'"
DD_API_KEY=k "$tmp/current/bin/logship-agent" -c "$tmp/current/etc/agent.yaml" --check-config >/dev/null \
  || fail "--check-config with DD_API_KEY"
(cd "$tmp" && smoke "$tmp/current/bin/logship-agent" "$tmp/current/etc/agent.yaml")
ok "tarball: a record through the agent into the local intake (local_intake.enabled), stop line"
