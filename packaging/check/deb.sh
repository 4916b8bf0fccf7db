#!/usr/bin/env bash
# The .deb: lintian clean; then, on this machine, install, run as the logship user, upgrade (the admin's config
# edits and disable choice survive), remove (unit stopped and masked, config kept), purge (user, group, data,
# environment file and unit state gone). The machine is left as it was: a trap purges on any failure.
. "$(dirname "$0")/lib.sh"
deb="$TARGET/logship-agent_${VERSION}_all.deb"
[ -s "$deb" ] || fail "missing $deb"
UNIT=logship-agent.service
WANTS=/etc/systemd/system/multi-user.target.wants/$UNIT

# lintian: nothing at all (no warnings, no info tags shown by default).
if ! command -v lintian >/dev/null; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lintian >/dev/null
fi
report=$(lintian --tag-display-limit 0 "$deb" 2>&1 | grep -v 'running with root privileges' || true)
[ -z "$report" ] || { echo "$report"; fail "lintian"; }
ok "lintian: no tags"

if dpkg-query -W -f='${Status}' logship-agent 2>/dev/null | grep -q installed; then
  fail "logship-agent is already installed here; not touching it"
fi
getent passwd logship >/dev/null && fail "a logship user exists already; not touching it"
[ -e /var/lib/logship ] && fail "/var/lib/logship exists already; not touching it"

cleanup() { as_root dpkg --purge logship-agent >/dev/null 2>&1 || true; }
trap cleanup EXIT

# Install.
as_root dpkg -i "$deb" >/dev/null
[ "$(getent passwd logship | cut -d: -f7)" = /usr/sbin/nologin ] || fail "logship user shell"
[ "$(stat -c '%U:%G %a' /var/lib/logship)" = "logship:logship 750" ] || fail "/var/lib/logship: $(stat -c '%U:%G %a' /var/lib/logship)"
[ "$(stat -c '%U %a' /etc/default/logship-agent)" = "root 600" ] || fail "/etc/default/logship-agent not root 0600"
[ -L "$WANTS" ] || fail "not enabled: no $WANTS"
[ -f /lib/systemd/system/$UNIT ] || fail "unit not installed"
systemd-analyze security --offline=true --threshold=30 /lib/systemd/system/$UNIT >/dev/null || fail "installed unit exposure"
ok "installed: user logship (nologin), /var/lib/logship 0750, /etc/default/logship-agent 0600, unit enabled"

# What postinst decides before starting the service (it starts only when this succeeds).
launcher=/usr/share/logship-agent/bin/logship-agent
if env -u DD_API_KEY "$launcher" -c /etc/logship/agent.yaml --check-config >/dev/null 2>&1; then
  fail "packaged config accepted without a destination: postinst would start the service"
fi
DD_API_KEY=k "$launcher" -c /etc/logship/agent.yaml --check-config >/dev/null || fail "check-config with DD_API_KEY"
ok "postinst's start condition: refused without a destination, accepted with DD_API_KEY"

# Run as the service would: the logship user, in its state directory.
(cd /var/lib/logship && smoke "$launcher" /etc/logship/agent.yaml logship)
[ -d /var/lib/logship/logship-data ] || fail "local intake data not under /var/lib/logship"
ok "runs as logship in /var/lib/logship: a record into the local intake and back"

# Upgrade (the same version again is an upgrade for dpkg: postinst configure <old-version>).
echo "# edited by the admin" | as_root tee -a /etc/logship/agent.yaml >/dev/null
as_root rm -f "$WANTS"   # what `systemctl disable` does (no systemd as PID 1 here)
as_root dpkg -i --force-confold "$deb" >/dev/null
tail -1 /etc/logship/agent.yaml | grep -q 'edited by the admin' || fail "upgrade lost the admin's agent.yaml edit"
[ ! -e "$WANTS" ] || fail "upgrade re-enabled a unit the admin disabled"
ok "upgrade: conffile edit kept, disable choice kept"

# Remove: program gone, config and data kept, unit masked.
as_root dpkg -r logship-agent >/dev/null
[ ! -e "$launcher" ] || fail "remove left $launcher"
[ -f /etc/logship/agent.yaml ] || fail "remove deleted the conffile"
[ "$(readlink /etc/systemd/system/$UNIT)" = /dev/null ] || fail "remove did not mask the unit"
getent passwd logship >/dev/null || fail "remove deleted the user"
ok "remove: program gone, unit masked, config, user and data kept"

# Purge: nothing left.
as_root dpkg -P logship-agent >/dev/null
trap - EXIT
for f in /etc/logship /var/lib/logship /etc/default/logship-agent /etc/systemd/system/$UNIT "$WANTS" \
         /var/lib/systemd/deb-systemd-helper-enabled/$UNIT.dsh-also \
         /var/lib/systemd/deb-systemd-helper-masked/$UNIT; do
  [ ! -e "$f" ] && [ ! -L "$f" ] || fail "purge left $f"
done
! getent passwd logship >/dev/null || fail "purge left the logship user"
! getent group logship >/dev/null || fail "purge left the logship group"
ok "purge: user, group, /var/lib/logship, /etc/logship, /etc/default/logship-agent, unit state all gone"
