#!/usr/bin/env bash
# Call record benchmarks (JMH): calls/s the queued call log persists to embedded H2, in memory
# and on disk, each call recorded three times (ringing, answered, completed); and finished calls
# recorded as the server records them, call record and call.completed event (CallRecording
# Benchmark: add -prof io.callmask.bench.masking.CpuPerOperation for the CPU per call). Extra
# arguments go to JMH, e.g. -p store=file or -wi 1 -i 2.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -pl sip-stack,server,benchmarks -am package -DskipTests
exec java -jar benchmarks/target/benchmarks.jar 'io.callmask.bench.calls.*' "$@"
