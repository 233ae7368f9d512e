#!/usr/bin/env bash
# Masked-call benchmark: SIPp (caller's carrier) -> callmask -> SIPp (callee's carriers).
#
#   scripts/bench-calls.sh RATE SECONDS [SESSIONS]
#
# Starts a server on loopback with a temporary embedded store, provisions SESSIONS (default
# 10,000) sessions through the HTTP API, then places calls at RATE calls/s for SECONDS seconds,
# each held for 1 s, alternating customer -> partner and partner -> customer. Prints one line:
# attempted, completed, failed, retransmissions (both SIPp sides and callmask's), INVITE -> 180
# latency p50/p99 as the caller's carrier sees it (the callee's carrier answers at once, so this
# is what callmask adds plus loopback, on SIPp's clock of about 4 ms steps), the server's CPU
# use during the calls (and per completed call), the carriers' (SIPp's) CPU, the whole machine's
# busy and stolen CPU, how many collections its garbage collector ran meanwhile, and whether
# its heap is on transparent huge pages (the host must allow them, see the carrier guide). When
# tcpdump can run, it also prints the INVITE -> 180 latency callmask adds, from a capture of the
# middle of the run (scripts/wire-latency.py). A warm-up at the same
# rate comes first: WARMUP_SECONDS (default 60; 0 skips it), longer while the JIT compiler is
# still busy, up to WARMUP_MAX_SECONDS (default 180); only its length, whether the JIT settled
# and its failed calls are reported. The server starts with the JVM options of config/jvm.options (or of the file
# CALLMASK_JVM_OPTIONS names), as `scripts/callmask serve` does; CALLMASK_JAVA_OPTS adds more (a
# profiler, a GC log). BENCH_PROPERTIES adds lines to the server's configuration (e.g.
# 'sip.overload-lag=PT0.4S'), after the benchmark's own, so they win.
set -euo pipefail

rate=${1:?usage: scripts/bench-calls.sh RATE SECONDS [SESSIONS]}
seconds=${2:?usage: scripts/bench-calls.sh RATE SECONDS [SESSIONS]}
sessions=${3:-10000}
warmup=${WARMUP_SECONDS:-60}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
ROOT=$root
# shellcheck source=scripts/lib/carriers.sh
. "$root/scripts/lib/carriers.sh"
command -v sipp >/dev/null || { echo "sipp is missing: sudo apt-get install sip-tester" >&2; exit 1; }

mvn -B -q -pl sip-stack,server,benchmarks -am package -DskipTests

work=$(mktemp -d)
WORK=$work
server_pid=
trap 'end_run "$server_pid"' EXIT

token=bench-$RANDOM$RANDOM
cat > "$work/callmask.properties" <<EOF
data.dir=$work/data
sip.udp=127.0.0.1:15060
sip.tcp=
http.listen=127.0.0.1:18080
api.token=$token
${BENCH_PROPERTIES:-}
EOF
CALLMASK_LOG_LEVEL=WARN java "@${CALLMASK_JVM_OPTIONS:-config/jvm.options}" ${CALLMASK_JAVA_OPTS:-} -jar server/target/callmask.jar serve --config "$work/callmask.properties" \
  > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 300); do
  curl -sf http://127.0.0.1:18080/healthz >/dev/null && break
  sleep 0.2
done
curl -sf http://127.0.0.1:18080/healthz >/dev/null || { cat "$work/server.log" >&2; exit 1; }

start_callee_carriers

java -cp benchmarks/target/benchmarks.jar io.callmask.bench.calls.ProvisionSessions \
  http://127.0.0.1:18080 "$token" "$sessions" 127.0.0.1:15071 127.0.0.1:15072 "$work/calls.csv"

# place NAME SECONDS: RATE calls/s for SECONDS from the caller's carrier (lib/carriers.sh).
place() { place_calls "$1" "$rate" "$2" "$work/calls.csv"; }

# A JVM compiles its hot code during its first minutes; a server runs for months. The warm-up at
# the same rate is not counted, so the line below is the steady state. It lasts WARMUP_SECONDS,
# then goes on in rounds of 20 s while the JIT compiler is still busy (it spent more than 2 s in
# the last round, its /metrics counter says), up to WARMUP_MAX_SECONDS in all: on two cores the
# compiler takes 1 to 2 minutes at 1,000-2,000 calls/s, and while it works it takes a core's
# share from the SIP threads.
compile_seconds() {
  curl -sf http://127.0.0.1:18080/metrics \
    | awk '$1 == "jvm_compilation_time_seconds_total" { printf "%d", $2 }'
}
warmup_max=${WARMUP_MAX_SECONDS:-180}
warmup_done=0
warmup_rounds=()
jit_settled=no
if [ "$warmup" -gt 0 ]; then
  round_seconds=$warmup
  while true; do
    compiled_before=$(compile_seconds)
    warmup_rounds+=("warmup-${#warmup_rounds[@]}")
    place "${warmup_rounds[-1]}" "$round_seconds"
    sleep 1.5
    warmup_done=$((warmup_done + round_seconds))
    if [ $(( $(compile_seconds) - compiled_before )) -le 2 ]; then
      jit_settled=yes
      break
    fi
    round_seconds=20
    [ $((warmup_done + round_seconds)) -le "$warmup_max" ] || break
  done
fi
# A counter of the server's /metrics: its own retransmissions (requests and responses its timers
# sent again), the new calls it refused with 503 because it was behind its input.
server_metric() {
  curl -sf http://127.0.0.1:18080/metrics | awk -v name="$1" '$1 == name { printf "%d", $2 }'
}
server_retrans_before=$(server_metric callmask_sip_retransmissions_total)
refused_before=$(server_metric callmask_calls_refused_overload_total)
# Collections the server's collector ran (ZGC's cycles, not its pauses): at 3,000 calls/s on two
# cores ZGC runs back to back and takes a fifth of the server's CPU, so the count explains runs.
gc_runs() {
  # the collector's name may hold a space ("ZGC Cycles"): the count is the line's last field
  curl -sf http://127.0.0.1:18080/metrics | awk '/^jvm_gc_collection_seconds_count/ &&
    !/Pauses/ { n += $NF } END { printf "%d", n }'
}
gc_before=$(gc_runs)

# The server's CPU is measured while calls are placed and held (SECONDS plus the 1 s hold), not
# while SIPp waits for stragglers at the end; and over the same window where the rest of the
# machine went: the carriers' three SIPps, all cores' busy and stolen time (lib/carriers.sh). The
# callee carriers ran through the warm-up too: only what they count from here on is this run's.
cpu_ticks() { process_ticks "$server_pid"; }
open_window cpu_ticks
place caller "$seconds" &
caller_pid=$!
# SIPp's clock moves in steps of a few ms; a capture of part of the run gives the latency callmask
# adds with the kernel's timestamps (scripts/wire-latency.py). Needs tcpdump and the right to run it.
# The filter keeps only what that script reads, INVITEs and 180s (4 of a call's ~14 datagrams):
# a full capture at 3,000 calls/s had the kernel copy some 40,000 datagrams a second, and
# tcpdump a share of the cores the server and SIPp run on.
capture_seconds=$(( seconds > 15 ? 10 : seconds / 2 ))
invite_or_ringing='udp[8:4] = 0x494e5649 or (udp[8:4] = 0x5349502f and udp[16:4] = 0x31383020)'
if command -v tcpdump >/dev/null && [ "$capture_seconds" -gt 0 ]; then
  (sleep $(( (seconds - capture_seconds) / 2 )); timeout "$capture_seconds" tcpdump -i lo -n -s 0 -B 65536 \
    -w "$work/capture.pcap" "udp port 15060 and ($invite_or_ringing)" > "$work/tcpdump.out" 2>&1 \
    || true) &
fi
sleep $((seconds + 1))
close_window
wait "$caller_pid"
sleep 1.5   # let the last BYEs reach the callee side's statistics

run_outcome caller
failed=$((caller_failed + callee_failed))
callmask_retrans=$(( $(server_metric callmask_sip_retransmissions_total) - server_retrans_before ))
# Refused calls are among the caller's failed ones: SIPp counts a 503 as a failure.
refused=$(( $(server_metric callmask_calls_refused_overload_total) - refused_before ))
gc=$(( $(gc_runs) - gc_before ))
# Whether the heap got transparent huge pages (docs/carrier-guide.md, "Huge pages"): ZGC's heap
# is shared memory, so they show as ShmemPmdMapped.
huge=$(awk '$1 == "ShmemPmdMapped:" { print ($2 > 0 ? "yes" : "no") }' \
  "/proc/$server_pid/smaps_rollup" 2>/dev/null || true)
read -r p50 p99 < <(rtt_percentiles caller)
cpu=$(percent_of_core "$system_ticks" "$window_ns")
carriers_cpu=$(percent_of_core "$carrier_ticks_used" "$window_ns")
machine_busy=$(machine_busy "$idle_ticks" "$window_ns")
steal=$(percent_of_core "$steal_ticks" "$window_ns")
cpu_per_call=$(ms_per_call "$system_ticks" "$completed")

wire="wire=n/a (no capture: tcpdump missing or not permitted)"
if [ -s "$work/capture.pcap" ]; then
  wire=$(python3 "$root/scripts/wire-latency.py" "$work/capture.pcap" 15060)
fi
warmup_failed=$callee_failed_before
for round in ${warmup_rounds[@]+"${warmup_rounds[@]}"}; do
  warmup_failed=$((warmup_failed + $(sipp_stat "$work/$round/stats.csv" "FailedCall(C)")))
done
echo "rate=${rate}/s seconds=${seconds} warmup=${warmup_done}s (jit_settled=${jit_settled}) warmup_failed=${warmup_failed} warmup_refused_503=${refused_before} attempted=${attempted} completed=${completed} failed=${failed} (caller=${caller_failed} callee=${callee_failed} refused_503=${refused})" \
  "retransmissions=$((carrier_retrans + callmask_retrans)) (carriers=${carrier_retrans} callmask=${callmask_retrans}) invite_to_180_ms_p50=${p50} p99=${p99} server_cpu=${cpu} (of one core; ${cpu_per_call} ms a completed call) carriers_cpu=${carriers_cpu} machine_busy=${machine_busy} of $(nproc)00% (steal=${steal}) gc_runs=${gc} heap_huge_pages=${huge:-n/a}" \
  "$wire"
