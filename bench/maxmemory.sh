#!/usr/bin/env bash
# mini-redis as a cache, against a real redis-server: a memory limit, more keys than fit, and what stays.
#
# Usage: bench/maxmemory.sh [keys] [rounds]     (default 1000000 keys, 1 round)
#
# Environment:
#   LIMIT     --maxmemory for both servers                               (default 100mb)
#   POLICY    --maxmemory-policy for both servers                        (default allkeys-lru)
#   HOT       keys read between the two halves of the load               (default 1000)
#   SETTLE    seconds of quiet before the last RSS reading (our idle trim) (default 15)
#   JAVA_OPTS extra JVM options for our server                           (default none)
#
# Method
#   * Each round starts both servers fresh with the same --maxmemory and --maxmemory-policy and reads their idle RSS.
#   * Load the first half of <keys> ("key:" + 12 digits, 32-byte values, as RESP through redis-cli --pipe), read the HOT
#     keys "key:000000000000" ... once (they become the most recently used), load the second half, then ask for every
#     hot key with EXISTS: how many survived. INFO gives used_memory, maxmemory and evicted_keys; RSS is read right
#     after the load and again after SETTLE seconds of quiet.
#   * The two servers count used_memory differently (Redis: every allocation, ~0.9 MB of it at start; here: the
#     keyspace's records, index and expiry heap), so the same limit does not hold the same number of keys: the
#     figures to compare are used_memory against the limit, RSS against the limit, and the hot keys kept.
#   * Order alternates per round (odd rounds Redis first), medians over rounds, as in the other scripts.
set -euo pipefail

KEYS=${1:-1000000}
ROUNDS=${2:-1}
LIMIT=${LIMIT:-100mb}
POLICY=${POLICY:-allkeys-lru}
HOT=${HOT:-1000}
SETTLE=${SETTLE:-15}
JAVA_OPTS=${JAVA_OPTS:-}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"   # die, launching and stopping servers, ports, rss_kb, median_of, row

require_positive KEYS ROUNDS HOT SETTLE
require_jar
require_tools redis-server redis-cli java awk

bench_init
snapshot_jar
MACHINE=$(machine_line)
echo "$MACHINE"
echo "keys=$KEYS rounds=$ROUNDS limit=$LIMIT policy=$POLICY hot=$HOT settle=${SETTLE}s ($JAR_INFO)"

results_init   # record and median (lib.sh)

# load_resp <from> <to>: SET key:<12 digits> <32 bytes> for keys from..to-1, as RESP.
load_resp() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        value = "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"
        for (i = a; i < b; i++) printf "*3\r\n$3\r\nSET\r\n$16\r\nkey:%012d\r\n$32\r\n%s\r\n", i, value
    }'
}

# hot_resp <command>: <command> key:<12 digits> for the HOT keys, as RESP.
hot_resp() {
    awk -v n="$HOT" -v c="$1" 'BEGIN {
        for (i = 0; i < n; i++) printf "*2\r\n$%d\r\n%s\r\n$16\r\nkey:%012d\r\n", length(c), c, i
    }'
}

field() {  # field <port> <section> <name>
    redis-cli -p "$1" info "$2" | tr -d '\r' | awk -F: -v f="$3" '$1 == f { print $2 }'
}

half=$((KEYS / 2))
for ((round = 1; round <= ROUNDS; round++)); do
    read -r -a order <<<"$(order_for "$round")"
    redis_port=$(free_port 16379)
    launch_redis "$redis_port" "$TMP/redis.log" --maxmemory "$LIMIT" --maxmemory-policy "$POLICY"
    REDIS_PID=$LAUNCHED_PID
    ours_port=$(free_port $((redis_port + 1)))
    launch_ours "$ours_port" "$TMP/ours.log" -- --maxmemory "$LIMIT" --maxmemory-policy "$POLICY"
    OURS_PID=$LAUNCHED_PID
    wait_for_ping redis-server "$redis_port" "$REDIS_PID" "$TMP/redis.log"
    wait_for_ping mini-redis "$ours_port" "$OURS_PID" "$TMP/ours.log"
    sleep 1
    declare -A port=([redis]=$redis_port [ours]=$ours_port) pid=([redis]=$REDIS_PID [ours]=$OURS_PID)

    for server in "${order[@]}"; do
        p=${port[$server]}
        limit_bytes=$(redis-cli -p "$p" config get maxmemory | tail -n 1)
        idle=$(rss_kb "${pid[$server]}")
        check_busy "load $server"
        load_resp 0 "$half" | redis-cli -p "$p" --pipe >"$TMP/pipe.out" 2>&1 || die "--pipe failed on $server"
        hot_resp GET | redis-cli -p "$p" --pipe >/dev/null 2>&1 || die "reading the hot keys failed on $server"
        load_resp "$half" "$KEYS" | redis-cli -p "$p" --pipe >"$TMP/pipe.out" 2>&1 || die "--pipe failed on $server"
        loaded=$(rss_kb "${pid[$server]}")
        kept=0
        for ((i = 0; i < HOT; i += 100)); do   # EXISTS takes many keys: 100 at a time
            args=$(awk -v a="$i" -v b="$((i + 100 < HOT ? i + 100 : HOT))" 'BEGIN { for (k = a; k < b; k++) printf " key:%012d", k }')
            # shellcheck disable=SC2086  # the key list is a word list on purpose
            kept=$((kept + $(redis-cli -p "$p" exists $args)))
        done
        used=$(field "$p" memory used_memory)
        evicted=$(field "$p" stats evicted_keys)
        keys=$(redis-cli -p "$p" dbsize)
        sleep "$SETTLE"
        settled=$(rss_kb "${pid[$server]}")
        printf 'round %d  %-5s  limit %s B  used_memory %s B  keys %s  evicted %s  hot kept %s/%s  RSS %s kB idle, %s kB loaded, %s kB after %ss\n' \
            "$round" "$server" "$limit_bytes" "$used" "$keys" "$evicted" "$kept" "$HOT" "$idle" "$loaded" "$settled" "$SETTLE"
        record used_over_limit "$server" "$(awk -v u="$used" -v l="$limit_bytes" 'BEGIN { print u / l }')"
        record rss_loaded_over_limit "$server" "$(awk -v r="$loaded" -v l="$limit_bytes" 'BEGIN { print r * 1024 / l }')"
        record rss_settled_over_limit "$server" "$(awk -v r="$settled" -v l="$limit_bytes" 'BEGIN { print r * 1024 / l }')"
        record keys "$server" "$keys"
        record evicted "$server" "$evicted"
        record hot_kept "$server" "$kept"
    done
    stop "$REDIS_PID"
    stop "$OURS_PID"
    REDIS_PID="" OURS_PID=""
done

echo
echo "$MACHINE"
echo "medians over $ROUNDS round(s); keys=$KEYS written, --maxmemory $LIMIT --maxmemory-policy $POLICY; $JAR_INFO"
echo
echo "| metric | redis | ours | ours/redis | target | met? |"
echo "|---|---|---|---|---|---|"
row "used_memory / maxmemory" "$(median used_over_limit redis)" "$(median used_over_limit ours)" 3 atmost:1 "ours <= 1"
row "RSS / maxmemory, right after the load" "$(median rss_loaded_over_limit redis)" "$(median rss_loaded_over_limit ours)" 2 info "-"
row "RSS / maxmemory, after ${SETTLE}s quiet" "$(median rss_settled_over_limit redis)" "$(median rss_settled_over_limit ours)" 2 atmost:1.3 "ours <= 1.3"
row "keys held" "$(median keys redis)" "$(median keys ours)" 0 info "-"
row "evicted_keys" "$(median evicted redis)" "$(median evicted ours)" 0 info "-"
row "hot keys kept (of $HOT)" "$(median hot_kept redis)" "$(median hot_kept ours)" 0 info "-"
[[ -z $BUSY ]] || echo "note: a Maven build ran during:$BUSY"
