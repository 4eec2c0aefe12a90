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

# A build folder of its own, so the bench never collides with a build or test run beside it.
artifacts="${BENCH_ARTIFACTS:-${TMPDIR:-/tmp}/gatesync-bench-build}"
dotnet build bench/GateSync.Bench/GateSync.Bench.csproj -c Release --artifacts-path "$artifacts" -nologo -v q
exec dotnet "$artifacts/bin/GateSync.Bench/release/GateSync.Bench.dll" --out bench/results "$@"
