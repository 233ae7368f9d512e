#!/usr/bin/env bash
# Click-to-call benchmark: originations through the HTTP API, SIPp answering both legs.
#
#   scripts/bench-click-to-call.sh RATE SECONDS [SESSIONS]
#
# Starts a server on loopback with a temporary embedded store, provisions SESSIONS (default
# 1,000) sessions through the HTTP API, then asks for RATE click-to-calls a second for SECONDS
# seconds (POST /v1/sessions/{id}/calls, the customer first). One SIPp plays the first party's
# carrier (answers the offerless INVITE with the offer, takes the ACK with the answer), another
# the second party's (answers the offer, holds the call 1 s, hangs up). Prints one line:
# attempted, accepted (202), completed, failed (with the statuses those calls ended in), API
# latency p50/p99/max as the client saw it, the server's CPU while originating, SIPp's failed
# calls and retransmissions (both sides), and the load average of the machine at the end (the
# figures depend on what else runs). A warm-up run at the same rate comes first
# (WARMUP_SECONDS, default 40; 0 skips it); its line goes to stderr, and only its failed calls
# are on the result line. It is longer than
# bench-calls.sh's because a click-to-call's code runs once per call, not per message: at 150/s
# the JIT was still compiling the call path (C2) 45 s after start. The server starts with
# config/jvm.options (or CALLMASK_JVM_OPTIONS's file) as `scripts/callmask serve` does;
# CALLMASK_JAVA_OPTS adds JVM options (a profiler, a GC log); KEEP_WORK=1 keeps the working
# directory (server log, SIPp statistics and error logs) and prints where it is.
set -euo pipefail

rate=${1:?usage: scripts/bench-click-to-call.sh RATE SECONDS [SESSIONS]}
seconds=${2:?usage: scripts/bench-click-to-call.sh RATE SECONDS [SESSIONS]}
sessions=${3:-1000}
warmup=${WARMUP_SECONDS:-40}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v sipp >/dev/null || { echo "sipp is missing: sudo apt-get install sip-tester" >&2; exit 1; }

mvn -B -q -o -pl sip-stack,server,benchmarks -am package -DskipTests

work=$(mktemp -d)
pids=()
server_pid=
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

token=bench-$RANDOM$RANDOM
api=http://127.0.0.1:18180
cat > "$work/callmask.properties" <<PROPERTIES
data.dir=$work/data
sip.udp=127.0.0.1:15160
sip.tcp=
http.listen=127.0.0.1:18180
api.token=$token
trunk.probe-interval=PT0S
PROPERTIES
CALLMASK_LOG_LEVEL=${CALLMASK_LOG_LEVEL:-WARN} java "@${CALLMASK_JVM_OPTIONS:-config/jvm.options}" ${CALLMASK_JAVA_OPTS:-} -jar server/target/callmask.jar \
  serve --config "$work/callmask.properties" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 300); do
  curl -sf $api/healthz >/dev/null && break
  sleep 0.2
done
curl -sf $api/healthz >/dev/null || { cat "$work/server.log" >&2; exit 1; }

# SIPp writes its trace files (-trace_err: the messages it did not expect) into the current
# directory: keep them in $work. -buff_size: SIPp's socket buffers are 64 KB by default, and a
# SIPp that loses a third of a second of CPU to its neighbours then drops datagrams (20,000 at
# 500/s), whose retransmissions and abandoned calls are SIPp's failures, not the server's.
(cd "$work" && exec sipp -sf "$root/scripts/sipp/c2c-first.xml" -i 127.0.0.1 -p 15171 -nostdin \
  -buff_size 4194304 -trace_stat -stf "$work/first.csv" -fd 1 -trace_err > "$work/first.out" 2>&1) &
pids+=($!)
(cd "$work" && exec sipp -sf "$root/scripts/sipp/c2c-second.xml" -i 127.0.0.1 -p 15172 -d 1000 \
  -nostdin -buff_size 4194304 -trace_stat -stf "$work/second.csv" -fd 1 -trace_err \
  > "$work/second.out" 2>&1) &
pids+=($!)

java -cp benchmarks/target/benchmarks.jar io.callmask.bench.calls.ClickToCallSessions \
  $api "$token" "$sessions" 127.0.0.1:15171 127.0.0.1:15172 "$work/sessions.txt"

# Final statistics line of a SIPp -trace_stat CSV: the value of column NAME.
stat() {
  awk -F';' -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) col = i; next }
    { last = $col } END { print last + 0 }' "$1"
}
sipp_sum() { echo $(( $(stat "$work/first.csv" "$1") + $(stat "$work/second.csv" "$1") )); }

# originate SECONDS: RATE click-to-calls a second for SECONDS; prints ClickToCallLoad's line.
originate() {
  java -cp benchmarks/target/benchmarks.jar io.callmask.bench.calls.ClickToCallLoad \
    $api "$token" "$rate" "$1" "$work/sessions.txt" "$server_pid"
}

# A JVM compiles its hot code during the first tens of seconds; a server runs for months. The
# warm-up run at the same rate is not counted, so the line below is the steady state.
warmup_failed=0
if [ "$warmup" -gt 0 ]; then
  warmup_line=$(originate "$warmup")
  echo "warm-up: $warmup_line" >&2
  warmup_failed=$(sed -n 's/.* failed=\([0-9]*\) .*/\1/p' <<< "$warmup_line")
  sleep 1.5   # the SIPp statistics files are written once a second
fi
sipp_failed_before=$(sipp_sum "FailedCall(C)")
retrans_before=$(sipp_sum "Retransmissions(C)")

echo "measured run from $(date -u +%FT%T.%3NZ)" >&2
result=$(originate "$seconds")
echo "measured run ended $(date -u +%FT%T.%3NZ)" >&2
sleep 1.5
sipp_failed=$(( $(sipp_sum "FailedCall(C)") - sipp_failed_before ))
retrans=$(( $(sipp_sum "Retransmissions(C)") - retrans_before ))
echo "warmup_failed=${warmup_failed} $result sipp_failed_calls=${sipp_failed}" \
  "retransmissions=${retrans} loadavg=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)"
