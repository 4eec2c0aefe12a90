#!/usr/bin/env bash
# Builds the benchmarks in Release and runs every one, one after the other, on this machine:
# prints a table (figure, value, target, ratio vs the baseline measured in the same run, PASS/MISS)
# and writes bench/results/<date>.json and .md. About 7 minutes; --quick is a smoke run of about a minute.
# Other arguments go to the bench: --only ingest,drain,agent,reconciliation
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in /usr/sbin/mosquitto socat; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install mosquitto socat)" >&2; exit 1; }
done

# The agent is measured as installed: a native AOT executable (docs/agent-setup.md), linked with gcc against libc and
# zlib, stripped with objcopy.
if ! command -v gcc >/dev/null || ! command -v objcopy >/dev/null || [ ! -e /usr/include/zlib.h ]; then
  echo "installing gcc, binutils, libc6-dev and zlib1g-dev for the agent's native AOT publish" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends gcc binutils libc6-dev zlib1g-dev >&2
fi

# A build folder of its own, so the bench never collides with a build or test run beside it.
artifacts="${BENCH_ARTIFACTS:-${TMPDIR:-/tmp}/gatesync-bench-build}"
dotnet build bench/GateSync.Bench/GateSync.Bench.csproj -c Release --artifacts-path "$artifacts" -nologo -v q
# Native AOT: idle 64 -> 26 MiB, peak at 5 swipes/s 78 -> 42 MiB against the JIT build (bench/README.md). The
# scenarios that start an agent (agent, drain) run this; the tests keep running the JIT build output.
dotnet publish src/Agent/GateSync.Agent.csproj -p:PublishProfile=aot-linux-x64 --artifacts-path "$artifacts" -o "$artifacts/agent-aot" -nologo -v q
export GATESYNC_BENCH_AGENT="$artifacts/agent-aot/gatesync-agent"
exec dotnet "$artifacts/bin/GateSync.Bench/release/GateSync.Bench.dll" --out bench/results "$@"
