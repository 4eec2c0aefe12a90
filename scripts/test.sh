#!/usr/bin/env bash
# Runs every GateSync test. On a fresh Debian machine it first installs what the tests use for
# real: Mosquitto (broker), its clients, socat (serial-port pty pairs) and Chromium (dashboard tests).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
command -v mosquitto_pub >/dev/null || missing+=(mosquitto-clients)
command -v socat >/dev/null || missing+=(socat)
command -v curl >/dev/null || missing+=(curl)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The agent's native AOT publish links with gcc against libc and zlib and strips with objcopy (docs/agent-setup.md).
command -v gcc >/dev/null || missing+=(gcc)
command -v objcopy >/dev/null || missing+=(binutils)
[ -e /usr/include/stdio.h ] || missing+=(libc6-dev)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
# Screenshots of the Chinese-first dashboard need a Chinese font.
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages ..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The tests start their own brokers on free ports; a packaged Mosquitto service is not needed.
results="${TEST_RESULTS_DIR:-artifacts/test-results}"
mkdir -p "$results"
log="$results/dotnet-test.log"

dotnet build GateSync.sln -c Release -nologo -v q
set +e
dotnet test GateSync.sln -c Release --no-build -nologo \
  --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The agent is installed as a native AOT executable (docs/agent-setup.md), where trimming can drop what only reflection
# reaches (LiteDB's mapper once lost a field that way): the tests that take a card from a SAM reader to the hub, and the
# residents-only door across a restart without the hub, run again on that executable.
aot="artifacts/agent-aot"
dotnet publish src/Agent/GateSync.Agent.csproj -p:PublishProfile=aot-linux-x64 -o "$aot" -nologo -v q 2>&1 | tee -a "$log"
aot_status=${PIPESTATUS[0]}
if [ "$aot_status" -eq 0 ]; then
  GATESYNC_TEST_AGENT="$PWD/$aot/gatesync-agent" dotnet test tests/GateSync.EndToEnd.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~SamReaderToHubTests|FullyQualifiedName~ResidentsOnlyDoorTests" \
    --results-directory "$results" --logger "trx;LogFileName=native-aot-agent.trx" --logger "console;verbosity=normal" 2>&1 | tee -a "$log"
  aot_status=${PIPESTATUS[0]}
fi
[ "$aot_status" -eq 0 ] || status=1
set -e

# One closing line over every test assembly, in the plain form CI reads.
passed=$({ grep -oE 'Passed: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
failed=$({ grep -oE 'Failed: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
skipped=$({ grep -oE 'Skipped: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
