#!/usr/bin/env bash
# Masking engine benchmarks (JMH): session creates/s and routing lookup latency on embedded H2
# with many live sessions. Extra arguments go to JMH, e.g. -p liveSessions=100000 or -t 4.
# On a shared machine add -prof io.callmask.bench.masking.CpuPerOperation: CPU time per create
# (whole JVM and worker threads), which the neighbours' load disturbs far less than ops/s.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -pl sip-stack,server,benchmarks -am package -DskipTests
exec java -jar benchmarks/target/benchmarks.jar 'io.callmask.bench.masking.*' "$@"
