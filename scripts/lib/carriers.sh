# shellcheck shell=bash
# shellcheck disable=SC2034 # the functions set variables for the scripts that source this
# The SIPp carriers and the CPU accounting of the call benchmarks, sourced by bench-calls.sh and
# bench-reference-proxy.sh so that callmask and the reference proxy are driven and measured alike.
# The system under test listens on 127.0.0.1:15060; the callee's carriers are SIPps on 15071 and
# 15072 (one per trunk), the caller's carrier on 15073. Needs ROOT (the checkout) and WORK (a
# scratch directory) set by the caller.

# The callee's carriers, one per trunk; each answers any number of calls, and answers OPTIONS
# probes (-aa) as a carrier would. Every SIPp gets socket buffers as large as callmask's, so that
# neither side drops datagrams in a burst.
start_callee_carriers() {
  local port
  for port in 15071 15072; do
    (cd "$WORK" && exec sipp -sf "$ROOT/scripts/sipp/callee.xml" -i 127.0.0.1 -p $port -aa \
      -buff_size 4194304 -nostdin -trace_stat -stf "$WORK/callee-$port.csv" \
      -fd 1 > "$WORK/callee-$port.out" 2>&1) &
  done
}

# end_run PID: what a benchmark leaves behind on exit: the carriers, the system under test (PID,
# if it was started) and the scratch directory.
end_run() {
  pkill -f "sipp .*-p 1507[123] " 2>/dev/null || true
  [ -n "$1" ] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true
  rm -rf "$WORK"
}

# place_calls NAME RATE SECONDS CALLS_CSV: RATE calls/s for SECONDS from the caller's carrier,
# each held 1 s, numbers from CALLS_CSV (CALLER;DIALED lines). SIPp writes its statistics and its
# INVITE -> 180 times (caller_PID_rtt.csv) into WORK/NAME: each run gets its own, so a warm-up's
# times never stand in for the measured run's.
place_calls() {
  local name=$1 rate=$2 seconds=$3 calls=$4
  mkdir -p "$WORK/$name"
  (cd "$WORK/$name" && exec sipp -sf "$ROOT/scripts/sipp/caller.xml" -inf "$calls" -i 127.0.0.1 \
    -p 15073 -buff_size 4194304 127.0.0.1:15060 \
    -r "$rate" -m $((rate * seconds)) -d 1000 -nostdin -timeout $((seconds + 60))s -timeout_error \
    -trace_stat -stf "$WORK/$name/stats.csv" -fd 1 -trace_rtt -rtt_freq 1 \
    > "$WORK/$name/sipp.out" 2>&1) || true
}

# sipp_stat CSV NAME: column NAME of the last line of a SIPp -trace_stat CSV.
sipp_stat() {
  awk -F';' -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) col = i; next }
    { last = $col } END { print last + 0 }' "$1"
}

# callee_total NAME: column NAME summed over both callee carriers (cumulative since they started).
callee_total() {
  echo $(( $(sipp_stat "$WORK/callee-15071.csv" "$1") + $(sipp_stat "$WORK/callee-15072.csv" "$1") ))
}

# rtt_percentiles NAME: "P50 P99" of run NAME's INVITE -> 180 times in ms, or "n/a n/a".
rtt_percentiles() {
  local rtts=("$WORK/$1"/caller_*_rtt.csv)
  if [ ! -f "${rtts[0]}" ]; then
    echo "n/a n/a"
    return
  fi
  awk -F';' 'NR > 1 && $2 != "" { print $2 }' "${rtts[0]}" | sort -n | awk '
    { v[NR] = $1 } END { if (NR == 0) { print "n/a n/a"; exit }
      i50 = int(NR * 0.50); if (i50 < 1) i50 = 1; i99 = int(NR * 0.99); if (i99 < 1) i99 = 1
      printf "%.2f %.2f\n", v[i50], v[i99] }'
}

# The measured run: open_window TICKS_FUNCTION notes the callee carriers' counts and the CPU used
# so far by the system under test (TICKS_FUNCTION prints its ticks), the carriers and the machine;
# close_window takes the differences over the window (system_ticks, carrier_ticks_used, idle_ticks,
# steal_ticks, window_ns). The caller's run goes between the two.
open_window() {
  system_ticks_function=$1
  callee_retrans_before=$(callee_total "Retransmissions(C)")
  callee_failed_before=$(callee_total "FailedCall(C)")
  system_ticks_before=$("$system_ticks_function")
  carrier_ticks_before=$(carrier_ticks)
  read -r idle_before steal_before < <(machine_ticks)
  start_ns=$(date +%s%N)
}

close_window() {
  local idle steal
  window_ns=$(( $(date +%s%N) - start_ns ))
  system_ticks=$(( $("$system_ticks_function") - system_ticks_before ))
  carrier_ticks_used=$(( $(carrier_ticks) - carrier_ticks_before ))
  read -r idle steal < <(machine_ticks)
  idle_ticks=$((idle - idle_before))
  steal_ticks=$((steal - steal_before))
}

# run_outcome NAME: what the caller's run NAME and, since open_window, the callee carriers
# counted: attempted, completed, caller_failed, callee_failed (a call the callee's carrier gave up
# on, say on a message it did not expect, failed even when the caller's side completed it) and
# carrier_retrans (both sides).
run_outcome() {
  local stats="$WORK/$1/stats.csv"
  attempted=$(sipp_stat "$stats" "TotalCallCreated")
  completed=$(sipp_stat "$stats" "SuccessfulCall(C)")
  caller_failed=$(sipp_stat "$stats" "FailedCall(C)")
  callee_failed=$(( $(callee_total "FailedCall(C)") - callee_failed_before ))
  carrier_retrans=$(( $(sipp_stat "$stats" "Retransmissions(C)") + $(callee_total "Retransmissions(C)") - callee_retrans_before ))
}

# process_ticks PID...: the CPU time (user + system, in clock ticks) the processes used so far.
process_ticks() {
  local pid total=0
  for pid in "$@"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# The three SIPps' CPU ticks (a caller started after a reading counts from zero).
carrier_ticks() {
  # shellcheck disable=SC2046 # one PID a word
  process_ticks $(pgrep -f "sipp .*-p 1507[123] " || true)
}

# machine_ticks: "IDLE STEAL" ticks of all cores (/proc/stat: user nice system idle iowait irq
# softirq steal; steal is what the hypervisor says it gave to other guests). Busy is the window
# less the idle time: on this project's VM the kernel's sampled busy ticks fell a fifth short of
# the window under load (a process's own, exact, CPU time exceeded them), while idle is measured.
machine_ticks() { awk '$1 == "cpu" { print $5 + $6, $9 }' /proc/stat; }

# percent_of_core TICKS NANOS: TICKS of CPU time over a window of NANOS, in percent of one core.
percent_of_core() {
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v ns="$2" \
    'BEGIN { printf "%.0f%%", 100 * (t / hz) / (ns / 1e9) }'
}

# machine_busy IDLE_TICKS NANOS: all cores' busy time over the window, e.g. "150%" of nproc x 100%.
machine_busy() {
  awk -v idle="$1" -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" -v ns="$2" \
    'BEGIN { printf "%.0f%%", 100 * (cores - (idle / hz) / (ns / 1e9)) }'
}

# ms_per_call TICKS CALLS: CPU milliseconds per completed call; steadier than the completed count
# near saturation (refusing a call costs some microseconds, so refused calls hardly add to it).
ms_per_call() {
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$2" \
    'BEGIN { if (n > 0) printf "%.3f", 1000 * (t / hz) / n; else print "n/a" }'
}
