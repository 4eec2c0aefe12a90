#!/usr/bin/env bash
# Makes a local certificate authority and a broker certificate for a GateSync trial (not for production).
#   scripts/make-trial-ca.sh OUT_DIR [BROKER_HOST ...]
# Writes OUT_DIR/gatesync-ca.crt (give it to agents: Agent:Mqtt:CaFile), gatesync-ca.key (keep it offline),
# gatesync-broker.crt and gatesync-broker.key (for Mosquitto's certfile and keyfile). The broker certificate
# names every BROKER_HOST, plus localhost and 127.0.0.1.
set -euo pipefail
out="${1:?usage: $0 OUT_DIR [BROKER_HOST ...]}"
shift
mkdir -p "$out"
cd "$out"

san="DNS:localhost,IP:127.0.0.1"
for host in "$@"; do
  if [[ "$host" =~ ^[0-9.]+$ ]]; then san="$san,IP:$host"; else san="$san,DNS:$host"; fi
done
cn="${1:-localhost}"

openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=GateSync trial CA" \
  -keyout gatesync-ca.key -out gatesync-ca.crt \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=$cn" -keyout gatesync-broker.key -out gatesync-broker.csr 2>/dev/null
openssl x509 -req -in gatesync-broker.csr -CA gatesync-ca.crt -CAkey gatesync-ca.key -CAcreateserial -days 825 \
  -out gatesync-broker.crt \
  -extfile <(printf "subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n" "$san") 2>/dev/null
rm -f gatesync-broker.csr gatesync-ca.srl
chmod 0600 gatesync-ca.key gatesync-broker.key
echo "Trial CA and broker certificate for $san written to $out"
