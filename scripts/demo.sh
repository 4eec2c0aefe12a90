#!/usr/bin/env bash
# Runs GateSync on its embedded defaults: one hub (embedded MQTT broker, LiteDB) and a few
# agents with simulated card readers at different sites, until Ctrl-C.
#   HUB_URL   where the hub listens        (default http://localhost:5080)
#   MQTT_PORT the embedded broker's port   (default 1883)
#   AGENTS    how many simulated agents    (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."

hub_url="${HUB_URL:-http://localhost:5080}"
mqtt_port="${MQTT_PORT:-1883}"
agents="${AGENTS:-3}"
token="demo-admin-token"
data="data/demo"

echo "Building GateSync ..."
dotnet build src/Hub/GateSync.Hub.csproj -c Release -nologo -v q
dotnet build src/Agent/GateSync.Agent.csproj -c Release -nologo -v q
mkdir -p "$data"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

dotnet src/Hub/bin/Release/net10.0/gatesync-hub.dll \
  --urls "$hub_url" \
  --Hub:DataDirectory="$data/hub" \
  --Hub:Mqtt:Embedded:Port="$mqtt_port" \
  --Hub:Auth:BootstrapAdminToken="$token" >"$data/hub.log" 2>&1 &
pids+=($!)

echo -n "Waiting for the hub at $hub_url "
for _ in $(seq 1 60); do
  if curl -fsS "$hub_url/api/health" >/dev/null 2>&1; then break; fi
  kill -0 "${pids[0]}" 2>/dev/null || { echo; echo "The hub stopped; see $data/hub.log:"; tail -20 "$data/hub.log"; exit 1; }
  echo -n "."; sleep 1
done
echo " ready."

for i in $(seq 1 "$agents"); do
  site=$(printf "fr-%04d" "$i")
  dotnet src/Agent/bin/Release/net10.0/gatesync-agent.dll \
    --Agent:SiteId="$site" --Agent:AgentId="$site-a" \
    --Agent:DataDirectory="$data/agent-$i" \
    --Agent:Mqtt:Host=localhost --Agent:Mqtt:Port="$mqtt_port" \
    --Agent:Readers:0:ReaderId=gate-1 --Agent:Readers:0:Kind=Simulated \
    --Agent:Readers:0:Seed="$i" --Agent:Readers:0:SwipesPerMinute=120 >"$data/agent-$i.log" 2>&1 &
  pids+=($!)
done

cat <<INFO

GateSync demo is running: a hub and $agents simulated agents.
  Dashboard / API:  $hub_url   (token: $token)
  Agents:           curl -H 'Authorization: Bearer $token' $hub_url/api/agents
  Logs:             $data/*.log
Press Ctrl-C to stop.

INFO
while true; do
  count=$(curl -fsS -H "Authorization: Bearer $token" "$hub_url/api/checkins/count" 2>/dev/null || echo '{"count": "?"}')
  echo "$(date +%T) stored check-ins: $count"
  sleep 5
done
