#!/usr/bin/env bash
# Pub/sub fan-out: mini-redis against a real redis-server, measured with bench/FanOut.java.
#
# Usage: bench/fanout.sh [rounds]          (default 3 rounds)
#
# Environment:
#   SUBSCRIBERS subscriber counts to measure                  (default "1 10 100")
#   MESSAGES    messages published per run, for every count   (default per count:
#               min(1000000, 4000000 / subscribers), so each run delivers about
#               4 million messages, a second or two on a 2-core machine)
#   SIZE        payload bytes per message (FanOut --size)     (default 16)
#   TIMEOUT     seconds one FanOut run may take at most       (default 60)
#   WARMUP      1 = one unrecorded warm-up run per count first (default 1)
#   JAVA_OPTS   extra JVM options for our server              (default none)
#
# Method
#   * Both servers run side by side for the whole session (see lib.sh): redis-server
#     with persistence off, ours from the built jar.
#   * FanOut opens N subscribers on channel "bench", one publisher sends M messages
#     with windowed pipelining, and every subscriber checks it got 0..M-1 in order.
#     It reports delivered messages (N*M) per second, timed from the first PUBLISH
#     to the last subscriber's last message.
#   * For every N, each round measures both servers back to back, alternating the
#     order per round (odd rounds Redis first, even rounds ours first), as compare.sh.
#   * The summary reports the median delivered/s over rounds and the ratio ours/Redis.
#   * Any failed run (ok=false: a missed, duplicated or reordered message, a wrong
#     PUBLISH reply, a disconnect, a timeout) stops the script with exit status 1,
#     after printing FanOut's diagnostics and the state of the server.
#
# It builds nothing: build the jar first with Maven. It runs a copy of the jar taken
# at start (so a rebuild meanwhile changes nothing under the running server), and
# compiles FanOut.java once with javac into the temporary directory (the same as
# `java bench/FanOut.java`, without recompiling the source on every run).

set -euo pipefail

ROUNDS=${1:-3}
SUBSCRIBERS=${SUBSCRIBERS:-1 10 100}
MESSAGES=${MESSAGES:-}
SIZE=${SIZE:-16}
TIMEOUT=${TIMEOUT:-60}
WARMUP=${WARMUP:-1}
JAVA_OPTS=${JAVA_OPTS:-}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"   # die, server start/stop, ports, fanout_run, median_of

require_positive ROUNDS SIZE TIMEOUT
[[ -z $MESSAGES ]] || require_positive MESSAGES
read -r -a COUNTS <<<"$SUBSCRIBERS"
((${#COUNTS[@]} > 0)) || die "SUBSCRIBERS is empty"
for n in "${COUNTS[@]}"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "SUBSCRIBERS must list positive integers (got '$n')"
done
require_jar
require_tools redis-server redis-cli java javac awk

bench_init      # $TMP, and traps that stop both servers on any exit, Ctrl-C included

compile_bench_tools   # FanOut.java (and Startup.java) into $TMP/classes
snapshot_jar          # run a copy of the jar taken now; JAR_INFO describes the original

start_servers   # sets REDIS_PORT, OURS_PORT, MACHINE

messages_for() {  # messages_for <subscribers>: M for one run
    fanout_messages "$1"
}

echo "$MACHINE"
echo "redis-server on port $REDIS_PORT, mini-redis on port $OURS_PORT ($JAR_INFO);" \
     "rounds=$ROUNDS subscribers=(${COUNTS[*]}) size=$SIZE"

# -------------------------------------------------------------- benchmark ---

# fanout <server> <port> <subscribers> <messages>: runs FanOut once and prints "delivered_per_sec seconds"; on any
# failure it prints what happened and exits 1 (see fanout_run in lib.sh).
fanout() {
    fanout_run "$@"
}

RESULTS="$TMP/results"   # lines: subscribers server delivered_per_sec
: >"$RESULTS"

if [[ $WARMUP == 1 ]]; then
    echo "warm-up: one run per subscriber count with a quarter of the messages, not recorded"
    for n in "${COUNTS[@]}"; do
        m=$(messages_for "$n")
        m=$((m / 4 > 1000 ? m / 4 : 1000))
        fanout redis "$REDIS_PORT" "$n" "$m" >/dev/null
        fanout ours "$OURS_PORT" "$n" "$m" >/dev/null
    done
fi

for ((round = 1; round <= ROUNDS; round++)); do
    # Interleave: odd rounds measure Redis first, even rounds ours first.
    if ((round % 2)); then order=(redis ours); else order=(ours redis); fi
    for n in "${COUNTS[@]}"; do
        m=$(messages_for "$n")
        for server in "${order[@]}"; do
            if [[ $server == redis ]]; then port=$REDIS_PORT; else port=$OURS_PORT; fi
            res=$(fanout "$server" "$port" "$n" "$m") || exit 1
            read -r rate secs <<<"$res"
            printf 'round %d  N=%-4s M=%-8s %-5s  %12s delivered/s  in %7s s\n' \
                "$round" "$n" "$m" "$server" "$rate" "$secs"
            echo "$n $server $rate" >>"$RESULTS"
        done
    done
done

# ---------------------------------------------------------------- summary ---

median() {  # median <subscribers> <server>
    awk -v n="$1" -v s="$2" '$1 == n && $2 == s { print $3 }' "$RESULTS" | median_of
}

echo
echo "$MACHINE"
echo "medians over $ROUNDS round(s); size=$SIZE bytes; delivered/s = subscribers x messages / seconds"
printf '%11s %9s %18s %18s %12s\n' subscribers messages "redis delivered/s" "ours delivered/s" "ours/redis"
for n in "${COUNTS[@]}"; do
    r=$(median "$n" redis)
    o=$(median "$n" ours)
    awk -v n="$n" -v m="$(messages_for "$n")" -v rr="$r" -v oo="$o" '
        BEGIN { ratio = (rr > 0) ? sprintf("%.2f", oo / rr) : "n/a"
                printf "%11s %9s %18.0f %18.0f %12s\n", n, m, rr, oo, ratio }'
done
