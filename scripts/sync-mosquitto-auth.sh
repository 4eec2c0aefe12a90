#!/usr/bin/env bash
# Writes Mosquitto's password file and ACL from the hub's agent registry and reloads Mosquitto.
#   scripts/sync-mosquitto-auth.sh HUB_URL ADMIN_TOKEN
# Environment: MOSQUITTO_DIR (default /etc/mosquitto), HUB_USER (the hub's own Mosquitto user, default gatesync-hub).
# The hub's own line is kept in $MOSQUITTO_DIR/gatesync-hub.passwd (made with mosquitto_passwd) and put first.
set -euo pipefail
hub="${1:?usage: $0 HUB_URL ADMIN_TOKEN}"
token="${2:?usage: $0 HUB_URL ADMIN_TOKEN}"
dir="${MOSQUITTO_DIR:-/etc/mosquitto}"
hub_user="${HUB_USER:-gatesync-hub}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl -fsS -H "Authorization: Bearer $token" "$hub/api/broker/mosquitto/passwd" >"$tmp/agents.passwd"
curl -fsS -H "Authorization: Bearer $token" "$hub/api/broker/mosquitto/acl?hubUser=$hub_user" >"$tmp/gatesync.acl"
{ cat "$dir/gatesync-hub.passwd" 2>/dev/null || true; cat "$tmp/agents.passwd"; } >"$tmp/gatesync.passwd"

# Readable by Mosquitto only; moved into place whole, so the broker never reads half a file.
install -m 0640 "$tmp/gatesync.passwd" "$dir/gatesync.passwd.new" && mv "$dir/gatesync.passwd.new" "$dir/gatesync.passwd"
install -m 0640 "$tmp/gatesync.acl" "$dir/gatesync.acl.new" && mv "$dir/gatesync.acl.new" "$dir/gatesync.acl"
if pid=$(pidof mosquitto); then kill -HUP $pid; fi
echo "$(grep -c . "$tmp/agents.passwd") agents written to $dir/gatesync.passwd and $dir/gatesync.acl"
