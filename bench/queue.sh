#!/usr/bin/env bash
# A job queue: mini-redis against a real redis-server, measured with bench/Queue.java.
#
# Usage: bench/queue.sh [rounds]          (default 3 rounds)
#
# Environment:
#   WORKERS    BRPOP workers                   (default 50)
#   PRODUCERS  LPUSH producers                 (default 5)
#   JOBS       jobs per run                    (default 200000)
#
# Method: both servers run side by side (persistence off; ours a plain java -jar). Each round runs Queue.java once
# against each, the order alternating (odd rounds Redis first), after one unrecorded warm-up run each. Queue.java starts
# WORKERS threads looping on BRPOP jobs 0 and PRODUCERS threads pushing JOBS jobs with LPUSH (pipelined 50 at a time),
# each job carrying its push time; it reports jobs/s (first push to last pop) and the p99 of the time a job waited.
# Medians over rounds and the ratio ours/Redis. The load generator runs on the same 2 cores as the servers: compare
# ratios, not absolute numbers.
set -euo pipefail
ROUNDS=${1:-3}
WORKERS=${WORKERS:-50}
PRODUCERS=${PRODUCERS:-5}
JOBS=${JOBS:-200000}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
require_positive ROUNDS WORKERS PRODUCERS JOBS
require_jar
require_tools redis-server redis-cli java javac awk
bench_init
snapshot_jar
mkdir -p "$TMP/queue"
javac -d "$TMP/queue" "$ROOT/bench/Queue.java"
start_servers
echo "$MACHINE"
echo "redis-server on port $REDIS_PORT, mini-redis on port $OURS_PORT ($JAR_INFO); workers=$WORKERS producers=$PRODUCERS jobs=$JOBS"
results_init

run() {  # run <port> <jobs>: "jobs_per_sec p99_ms"
    java -cp "$TMP/queue" Queue 127.0.0.1 "$1" "$WORKERS" "$PRODUCERS" "$2"
}

run "$REDIS_PORT" $((JOBS / 10)) >/dev/null
run "$OURS_PORT" $((JOBS / 10)) >/dev/null
for ((round = 1; round <= ROUNDS; round++)); do
    read -r -a order <<<"$(order_for "$round")"
    for server in "${order[@]}"; do
        if [[ $server == redis ]]; then port=$REDIS_PORT; else port=$OURS_PORT; fi
        read -r rate p99 <<<"$(run "$port" "$JOBS")"
        printf 'round %d  %-5s  %10s jobs/s  p99 %8s ms\n' "$round" "$server" "$rate" "$p99"
        record jobs_per_sec "$server" "$rate"
        record p99_ms "$server" "$p99"
    done
done

echo
echo "medians over $ROUNDS round(s)"
for metric in jobs_per_sec p99_ms; do
    r=$(median "$metric" redis)
    o=$(median "$metric" ours)
    awk -v m="$metric" -v r="$r" -v o="$o" 'BEGIN { printf "%-14s redis %12s  ours %12s  ours/redis %5.2f\n", m, r, o, (r > 0 ? o / r : 0) }'
done
