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
  --Hub:Auth:BootstrapAdminToken="$token" \
  --Hub:Auth:FirstAdmin:UserName=admin --Hub:Auth:FirstAdmin:Password=demo-admin-password >"$data/hub.log" 2>&1 &
pids+=($!)

echo -n "Waiting for the hub at $hub_url "
for _ in $(seq 1 60); do
  if curl -fsS "$hub_url/api/health" >/dev/null 2>&1; then break; fi
  kill -0 "${pids[0]}" 2>/dev/null || { echo; echo "The hub stopped; see $data/hub.log:"; tail -20 "$data/hub.log"; exit 1; }
  echo -n "."; sleep 1
done
echo " ready."

# The demo district's communities and sites, so the dashboard has stations to show.
for roll in communities sites; do
  curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
    --data-binary "@config/demo/$roll.csv" "$hub_url/api/import/$roll" >/dev/null
done

for i in $(seq 1 "$agents"); do
  site=$(printf "fr-%04d" "$i")
  # The broker admits only registered agents: create each at the hub (PUT /api/agents/{agentId}), which answers
  # its MQTT user name and secret once.
  answer=$(curl -fsS -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"siteId\": \"$site\"}" "$hub_url/api/agents/$site-a")
  mqtt_user=$(sed -E 's/.*"mqttUsername":"([^"]*)".*/\1/' <<<"$answer")
  mqtt_password=$(sed -E 's/.*"mqttPassword":"([^"]*)".*/\1/' <<<"$answer")
  dotnet src/Agent/bin/Release/net10.0/gatesync-agent.dll \
    --Agent:SiteId="$site" --Agent:AgentId="$site-a" \
    --Agent:DataDirectory="$data/agent-$i" \
    --Agent:Mqtt:Host=localhost --Agent:Mqtt:Port="$mqtt_port" \
    --Agent:Mqtt:Username="$mqtt_user" --Agent:Mqtt:Password="$mqtt_password" \
    --Agent:Readers:0:ReaderId=gate-1 --Agent:Readers:0:Kind=Simulated \
    --Agent:Readers:0:Seed="$i" --Agent:Readers:0:SwipesPerMinute=120 >"$data/agent-$i.log" 2>&1 &
  pids+=($!)
done

cat <<INFO

GateSync demo is running: a hub and $agents simulated agents.
  Dashboard:        $hub_url/dashboard/   (user admin, password demo-admin-password)
  API:              $hub_url/api/   (token: $token)
  Agents:           curl -H 'Authorization: Bearer $token' $hub_url/api/agents
  Logs:             $data/*.log
Press Ctrl-C to stop.

INFO
while true; do
  count=$(curl -fsS -H "Authorization: Bearer $token" "$hub_url/api/checkins/count" 2>/dev/null || echo '{"count": "?"}')
  echo "$(date +%T) stored check-ins: $count"
  sleep 5
done
