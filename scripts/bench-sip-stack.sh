#!/usr/bin/env bash
# Benchmarks of the SIP stack (JMH): the codec (parse + validate + encode of an INVITE with SDP),
# the transaction layer per message, and a request/response round trip between two whole stacks on
# loopback UDP. Figures vary with machine load; compare runs made on a quiet machine.
# Usage: scripts/bench-sip-stack.sh [JMH regexp and options]   (default: all three, short runs)
# On a busy machine, the codec per second of its thread's CPU time (not wall clock):
#   java -cp benchmarks/target/benchmarks.jar io.callmask.bench.codec.CodecCpuTime [decode|encode]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests -pl sip-stack,benchmarks -am package >&2
if [ "$#" -eq 0 ]; then
  set -- 'Codec|TransactionBenchmark|LoopbackRoundTrip' -f 1 -i 5
fi
exec java -jar benchmarks/target/benchmarks.jar "$@"
