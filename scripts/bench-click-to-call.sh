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
# latency p50/p99/max as the client saw it, the server's CPU while originating, and the load
# average of the machine at the end (the figures depend on what else runs).
set -euo pipefail

rate=${1:?usage: scripts/bench-click-to-call.sh RATE SECONDS [SESSIONS]}
seconds=${2:?usage: scripts/bench-click-to-call.sh RATE SECONDS [SESSIONS]}
sessions=${3:-1000}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v sipp >/dev/null || { echo "sipp is missing: sudo apt-get install sip-tester" >&2; exit 1; }

mvn -B -q -pl sip-stack,server,benchmarks -am package -DskipTests

work=$(mktemp -d)
pids=()
server_pid=
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

token=bench-$RANDOM$RANDOM
cat > "$work/callmask.properties" <<PROPERTIES
data.dir=$work/data
sip.udp=127.0.0.1:15160
sip.tcp=
http.listen=127.0.0.1:18180
api.token=$token
trunk.probe-interval=PT0S
PROPERTIES
CALLMASK_LOG_LEVEL=WARN java -jar server/target/callmask.jar serve --config "$work/callmask.properties" \
  > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  curl -sf http://127.0.0.1:18180/healthz >/dev/null && break
  sleep 0.2
done
curl -sf http://127.0.0.1:18180/healthz >/dev/null || { cat "$work/server.log" >&2; exit 1; }

sipp -sf scripts/sipp/c2c-first.xml -i 127.0.0.1 -p 15171 -nostdin -trace_stat \
  -stf "$work/first.csv" -fd 1 > "$work/first.out" 2>&1 &
pids+=($!)
sipp -sf scripts/sipp/c2c-second.xml -i 127.0.0.1 -p 15172 -d 1000 -nostdin -trace_stat \
  -stf "$work/second.csv" -fd 1 > "$work/second.out" 2>&1 &
pids+=($!)

result=$(java -cp benchmarks/target/benchmarks.jar io.callmask.bench.calls.ClickToCallLoad \
  http://127.0.0.1:18180 "$token" "$rate" "$seconds" "$sessions" 127.0.0.1:15171 \
  127.0.0.1:15172 "$server_pid")
sleep 1.5   # the SIPp statistics files are written once a second

# Final statistics line of a SIPp -trace_stat CSV: the value of column NAME.
stat() {
  awk -F';' -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) col = i; next }
    { last = $col } END { print last + 0 }' "$1"
}
sipp_failed=$(( $(stat "$work/first.csv" "FailedCall(C)") + $(stat "$work/second.csv" "FailedCall(C)") ))
retrans=$(( $(stat "$work/first.csv" "Retransmissions(C)") + $(stat "$work/second.csv" "Retransmissions(C)") ))
echo "$result sipp_failed_calls=${sipp_failed} retransmissions=${retrans}" \
  "loadavg=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)"
