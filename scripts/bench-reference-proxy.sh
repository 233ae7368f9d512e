#!/usr/bin/env bash
# The call benchmark's reference: SIPp (caller's carrier) -> Kamailio -> SIPp (callee's carriers).
#
#   scripts/bench-reference-proxy.sh RATE SECONDS [SESSIONS]
#
# Drives a C SIP proxy doing callmask's lookup-and-rewrite (scripts/reference/kamailio.cfg) with
# the same carriers, scenarios and rate as scripts/bench-calls.sh, so that the machine's own limit
# can be told from callmask's cost (docs/performance.md). Needs kamailio (Debian: `sudo apt-get
# install kamailio`) and sipp.
# SESSIONS (default 10,000) sessions' two directions become the proxy's routing table and the
# caller's numbers. A 10 s warm-up at RATE comes first (no JIT here; it fills the proxy's memory
# pools and the carriers' tables). Prints one line: attempted, completed, failed, retransmissions,
# INVITE -> 180 p50/p99 as the caller's carrier sees it, the proxy's CPU (and per completed call),
# the carriers' CPU and the machine's busy CPU, over the same window as bench-calls.sh.
set -euo pipefail

rate=${1:?usage: scripts/bench-reference-proxy.sh RATE SECONDS [SESSIONS]}
seconds=${2:?usage: scripts/bench-reference-proxy.sh RATE SECONDS [SESSIONS]}
sessions=${3:-10000}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/carriers.sh
. "$ROOT/scripts/lib/carriers.sh"
for tool in kamailio sipp; do
  command -v $tool >/dev/null || { echo "$tool is missing (Debian: kamailio, sip-tester)" >&2; exit 1; }
done

WORK=$(mktemp -d)
proxy_pid=
trap 'end_run "$proxy_pid"' EXIT

# The routing table in db_text's format (columns typed in the header, ':' between fields) and the
# caller's numbers. Session N: customer +9198..N, partner +9197..N; each dials the proxy number it
# was shown, from a pool of 400 a side (numbers repeat across sessions as in callmask's pools).
mkdir -p "$WORK/db"
awk -v n="$sessions" 'BEGIN {
  print "id(int,auto) key_name(string) key_type(int) value_type(int) key_value(string) expires(int)" > "'"$WORK"'/db/routes"
  print "SEQUENTIAL" > "'"$WORK"'/calls.csv"
  for (i = 0; i < n; i++) {
    customer = sprintf("+9198%08d", i); partner = sprintf("+9197%08d", i)
    customer_sees = sprintf("+9180%08d", i % 400); partner_sees = sprintf("+9180%08d", 400 + i % 400)
    trunk = 15071 + i % 2
    # customer -> partner: presented as the number the partner sees for this customer; and back
    printf "%d:%s|%s:0:0:%s/%s/%d:0\n", 2 * i + 1, customer, customer_sees, partner, partner_sees, trunk > "'"$WORK"'/db/routes"
    printf "%d:%s|%s:0:0:%s/%s/%d:0\n", 2 * i + 2, partner, partner_sees, customer, customer_sees, trunk > "'"$WORK"'/db/routes"
    printf "%s;%s\n%s;%s\n", customer, customer_sees, partner, partner_sees > "'"$WORK"'/calls.csv"
  } }'
printf 'table_name(string) table_version(int)\nroutes:2\n' > "$WORK/db/version"
sed "s#@DB_DIR@#$WORK/db#" "$ROOT/scripts/reference/kamailio.cfg" > "$WORK/kamailio.cfg"

# TLSF memory managers: Kamailio's default one (qm) spent over half the proxy's CPU in qm_malloc
# here. 2 GiB of shared memory: 256 MiB ran out at 3,000 calls/s (transactions linger 32 s).
kamailio -f "$WORK/kamailio.cfg" -DD -E -x tlsf -X tlsf -m 2048 -M 64 > "$WORK/kamailio.log" 2>&1 &
proxy_pid=$!
start_callee_carriers
sleep 2
kill -0 "$proxy_pid" 2>/dev/null || { cat "$WORK/kamailio.log" >&2; exit 1; }

place_calls warmup "$rate" 10 "$WORK/calls.csv"
sleep 1.5
# shellcheck disable=SC2046 # one PID a word: the proxy and its children
proxy_ticks() { process_ticks $(pgrep -f "kamailio -f $WORK/kamailio.cfg" || true); }
open_window proxy_ticks
place_calls caller "$rate" "$seconds" "$WORK/calls.csv" &
caller_pid=$!
sleep $((seconds + 1))
close_window
wait "$caller_pid"
sleep 1.5   # let the last BYEs reach the callee side's statistics

run_outcome caller
read -r p50 p99 < <(rtt_percentiles caller)
echo "reference=kamailio rate=${rate}/s seconds=${seconds} attempted=${attempted} completed=${completed}" \
  "failed=$((caller_failed + callee_failed)) (caller=${caller_failed} callee=${callee_failed})" \
  "retransmissions=${carrier_retrans} invite_to_180_ms_p50=${p50} p99=${p99}" \
  "proxy_cpu=$(percent_of_core "$system_ticks" "$window_ns") (of one core; $(ms_per_call "$system_ticks" "$completed") ms a completed call)" \
  "carriers_cpu=$(percent_of_core "$carrier_ticks_used" "$window_ns")" \
  "machine_busy=$(machine_busy "$idle_ticks" "$window_ns") of $(nproc)00%"
