#!/usr/bin/env bash
# Benchmark mini-redis against a real redis-server on the same machine.
#
# Usage: bench/compare.sh [rounds]          (default 3 rounds)
#
# Environment:
#   REQUESTS  requests per redis-benchmark run          (default 200000)
#   CLIENTS   parallel connections (redis-benchmark -c) (default 50)
#   KEYSPACE  random key range (redis-benchmark -r)     (default 100000)
#   WARMUP    1 = one unrecorded warm-up pass first     (default 1)
#   JAVA_OPTS extra JVM options for our server          (default none)
#
# Method
#   * Both servers run side by side for the whole session: redis-server with
#     persistence off (--save '' --appendonly no), ours from the built jar.
#   * Each round runs SET then GET (same -r KEYSPACE, so GET reads keys that SET
#     wrote, like a real cache hit), each with pipelining -P 1 and -P 16.
#   * Every (test, pipeline) point is measured on both servers back to back,
#     and the order alternates per round (odd rounds Redis first, even rounds
#     ours first), so a slow patch on the machine, or a warm cache, does not
#     always land on the same server.
#   * The summary reports medians over rounds (robust to one noisy run) and the
#     ratio ours/Redis. The ratio is the figure to read: absolute rps on a
#     shared machine swing with whatever else runs, but both servers see about
#     the same noise, so their ratio is far more stable than either number.
#   * The JVM needs JIT warm-up, so by default a short unrecorded pass runs
#     against both servers first (WARMUP=0 skips it).
#
# It builds nothing; build the jar first with Maven.

set -euo pipefail

ROUNDS=${1:-3}
REQUESTS=${REQUESTS:-200000}
CLIENTS=${CLIENTS:-50}
KEYSPACE=${KEYSPACE:-100000}
WARMUP=${WARMUP:-1}
JAVA_OPTS=${JAVA_OPTS:-}

TESTS=(SET GET)   # SET first: it fills the keyspace that GET then reads
PIPELINES=(1 16)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"   # die, server start/stop, ports, redis_bench, median_of

require_positive ROUNDS REQUESTS CLIENTS KEYSPACE
require_jar
require_tools redis-server redis-cli redis-benchmark java awk

# ---------------------------------------------------------------- servers ---

bench_init      # $TMP, and traps that stop both servers on any exit, Ctrl-C included
snapshot_jar    # run a copy of the jar, so a rebuild meanwhile changes nothing under the running server
start_servers   # sets REDIS_PORT, OURS_PORT, MACHINE
echo "$MACHINE"
echo "redis-server on port $REDIS_PORT, mini-redis on port $OURS_PORT;" \
     "rounds=$ROUNDS requests=$REQUESTS clients=$CLIENTS keyspace=$KEYSPACE"

# -------------------------------------------------------------- benchmark ---

# bench <port> <test> <pipeline> <requests>: prints "rps p99_ms" (see redis_bench in lib.sh).
bench() {
    redis_bench "$@"
}

RESULTS="$TMP/results"   # lines: test pipeline server rps p99
: >"$RESULTS"

if [[ $WARMUP == 1 ]]; then
    warm=$((REQUESTS / 4 > 10000 ? REQUESTS / 4 : 10000))
    echo "warm-up: $warm requests per test, not recorded"
    for test in "${TESTS[@]}"; do
        for pipe in "${PIPELINES[@]}"; do
            bench "$REDIS_PORT" "$test" "$pipe" "$warm" >/dev/null
            bench "$OURS_PORT" "$test" "$pipe" "$warm" >/dev/null
        done
    done
fi

for ((round = 1; round <= ROUNDS; round++)); do
    # Interleave: odd rounds measure Redis first, even rounds ours first.
    if ((round % 2)); then order=(redis ours); else order=(ours redis); fi
    for test in "${TESTS[@]}"; do
        for pipe in "${PIPELINES[@]}"; do
            for server in "${order[@]}"; do
                if [[ $server == redis ]]; then port=$REDIS_PORT; else port=$OURS_PORT; fi
                res=$(bench "$port" "$test" "$pipe" "$REQUESTS")
                read -r rps p99 <<<"$res"
                printf 'round %d  %-3s P=%-2s  %-5s  %12s rps  p99 %7s ms\n' \
                    "$round" "$test" "$pipe" "$server" "$rps" "$p99"
                echo "$test $pipe $server $rps $p99" >>"$RESULTS"
            done
        done
    done
done

# ---------------------------------------------------------------- summary ---

# median <test> <pipeline> <server> <column: 4 = rps, 5 = p99>
median() {
    awk -v t="$1" -v p="$2" -v s="$3" -v c="$4" '$1 == t && $2 == p && $3 == s { print $c }' "$RESULTS" \
        | median_of
}

echo
echo "$MACHINE"
echo "medians over $ROUNDS round(s); requests=$REQUESTS clients=$CLIENTS keyspace=$KEYSPACE"
printf '%-4s %8s %14s %14s %12s %15s %14s\n' \
    test pipeline "redis rps" "ours rps" "ours/redis" "redis p99 ms" "ours p99 ms"
for test in "${TESTS[@]}"; do
    for pipe in "${PIPELINES[@]}"; do
        r_rps=$(median "$test" "$pipe" redis 4)
        o_rps=$(median "$test" "$pipe" ours 4)
        r_p99=$(median "$test" "$pipe" redis 5)
        o_p99=$(median "$test" "$pipe" ours 5)
        awk -v t="$test" -v p="$pipe" -v rr="$r_rps" -v oo="$o_rps" -v rl="$r_p99" -v ol="$o_p99" '
            BEGIN { ratio = (rr > 0) ? sprintf("%.2f", oo / rr) : "n/a"
                    printf "%-4s %8s %14.0f %14.0f %12s %15.3f %14.3f\n", t, p, rr, oo, ratio, rl, ol }'
    done
done
