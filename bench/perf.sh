#!/usr/bin/env bash
# Every performance target in one go: mini-redis against a real redis-server on the same machine.
#
# Usage: bench/perf.sh [rounds]          (default 3 rounds)
#
# What it measures (both servers unless noted)
#   1. redis-benchmark -c CLIENTS SET and GET at -P 1 and -P 16: requests/s and p99 latency (as compare.sh).
#   2. Pub/sub fan-out to 1, 10 and 100 subscribers with FanOut.java: delivered messages/s (as fanout.sh).
#   3. Memory per key: a fresh server, VmRSS before and after loading KEYS keys (10-byte keys, 32-byte values) with
#      `redis-cli --pipe`, once DBSIZE reports them all and again after SETTLE seconds. Ours runs with the JVM defaults
#      (plain `java -jar`, what the README tells users to run); SERIAL=1 adds an informational row for ours with
#      -XX:+UseSerialGC.
#   4. Allocation per request (ours only): INFO's event_loop_allocated_bytes before and after each -P 1 GET and SET
#      run of step 1, divided by the requests of the run.
#   5. Start-up: launch to first PONG, measured by Startup.java (polls every ~2 ms), STARTUPS times each.
#   6. Connections (CONNS=1), as connections.sh: RSS per idle connection with CONNECTIONS open, and RSS growth after
#      CYCLES connect/PING/close cycles, each after CONN_SETTLE seconds, each test on a fresh server.
#
# Environment:
#   REQUESTS    requests per redis-benchmark run          (default 200000)
#   CLIENTS     parallel connections (redis-benchmark -c) (default 50)
#   KEYSPACE    random key range (redis-benchmark -r)     (default 100000)
#   SUBSCRIBERS fan-out subscriber counts                 (default "1 10 100")
#   MESSAGES    messages per fan-out run                  (default min(1000000, 4000000 / subscribers))
#   SIZE        fan-out payload bytes                     (default 16)
#   TIMEOUT     seconds one FanOut run may take           (default 60)
#   KEYS        keys loaded for the memory test, <= 1e6   (default 1000000)
#   SETTLE      seconds to wait before the settled RSS    (default 5)
#   SERIAL      1 = extra memory row, ours with -XX:+UseSerialGC (non-default) (default 1)
#   STARTUPS    start-up measurements per server          (default 5)
#   CONNS       1 = measure idle connections and churn    (default 1; 0 skips it, ~100 s a round)
#   CONNECTIONS, CYCLES, CHURN_PARALLEL, CONN_SETTLE, MAXCLIENTS: as in connections.sh (10000, 5000, 4, 15, 20000)
#   WARMUP      1 = unrecorded warm-up passes first       (default 1)
#   JAVA_OPTS   extra JVM options for ours, everywhere    (default none: the JVM defaults)
#   RESULTS_DIR where latest.md and throughput.png go     (default bench/results)
#
# Method (see docs/performance.md)
#   * Start-up runs first, alternating which server is launched first, on an otherwise idle pair of ports.
#   * Then both servers run side by side for the throughput, fan-out and allocation measurements; every round
#     measures each point on both servers back to back, odd rounds Redis first, even rounds ours first. The memory
#     test and the connection tests run in every round too, each time on freshly started servers (alternating order
#     as well).
#   * The table shows the median over rounds of every figure and the ratio ours/Redis of the medians. Read the
#     ratios: absolute numbers on a shared 2-core machine swing with whatever else runs.
#   * Load average and any Maven build seen running are reported, so a disturbed run can be recognised.
#
# It builds nothing; build the jar first with Maven. It runs a copy of the jar taken at start.

set -euo pipefail

ROUNDS=${1:-3}
REQUESTS=${REQUESTS:-200000}
CLIENTS=${CLIENTS:-50}
KEYSPACE=${KEYSPACE:-100000}
SUBSCRIBERS=${SUBSCRIBERS:-1 10 100}
MESSAGES=${MESSAGES:-}
SIZE=${SIZE:-16}
TIMEOUT=${TIMEOUT:-60}
KEYS=${KEYS:-1000000}
SETTLE=${SETTLE:-5}
SERIAL=${SERIAL:-1}
STARTUPS=${STARTUPS:-5}
CONNS=${CONNS:-1}
CONNECTIONS=${CONNECTIONS:-10000}
CYCLES=${CYCLES:-5000}
CHURN_PARALLEL=${CHURN_PARALLEL:-4}
CONN_SETTLE=${CONN_SETTLE:-15}
MAXCLIENTS=${MAXCLIENTS:-20000}
CHURN_TARGET_MB=16
WARMUP=${WARMUP:-1}
JAVA_OPTS=${JAVA_OPTS:-}

TESTS=(SET GET)   # SET first: it fills the keyspace that GET then reads
PIPELINES=(1 16)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS_DIR=${RESULTS_DIR:-$ROOT/bench/results}
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"   # die, servers, ports, redis_bench, fanout_run, info_field, rss_kb, connections_measure, row

require_positive ROUNDS REQUESTS CLIENTS KEYSPACE SIZE TIMEOUT KEYS STARTUPS
[[ -z $MESSAGES ]] || require_positive MESSAGES
[[ $SETTLE =~ ^[0-9]+$ ]] || die "SETTLE must be a number of seconds (got '$SETTLE')"
((KEYS <= 1000000)) || die "KEYS must be at most 1000000 (keys are key:000000 .. key:999999)"
read -r -a COUNTS <<<"$SUBSCRIBERS"
((${#COUNTS[@]} > 0)) || die "SUBSCRIBERS is empty"
for n in "${COUNTS[@]}"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "SUBSCRIBERS must list positive integers (got '$n')"
done
if [[ $CONNS == 1 ]]; then
    require_positive CONNECTIONS CYCLES CHURN_PARALLEL MAXCLIENTS
    [[ $CONN_SETTLE =~ ^[0-9]+$ ]] || die "CONN_SETTLE must be a number of seconds (got '$CONN_SETTLE')"
    ((CONNECTIONS <= MAXCLIENTS)) || die "CONNECTIONS ($CONNECTIONS) must not exceed MAXCLIENTS ($MAXCLIENTS)"
fi
require_jar
require_tools redis-server redis-cli redis-benchmark java javac awk
[[ $CONNS != 1 ]] || raise_fd_limit $((CONNECTIONS + 256))
mkdir -p "$RESULTS_DIR"

bench_init            # $TMP, and traps that stop every server we start on any exit, Ctrl-C included
compile_bench_tools   # FanOut, Startup and Connections into $TMP/classes
snapshot_jar          # JAR = a copy in $TMP, JAR_INFO describes the original
MACHINE=$(machine_line)
MEMINFO="memory $(awk '$1 == "MemTotal:" { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"

# The JVM's own choices for `java -jar` here (with JAVA_OPTS if set): which collector, how big a heap.
jvm_choices   # JVM_FLAGS, JVM_DEFAULTS, JVM_LABEL

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
# check_busy <phase> (lib.sh) notes in BUSY the phases during which a Maven build was seen running.

results_init   # record and median (lib.sh)

echo "$MACHINE, $MEMINFO"
echo "ours: $JVM_LABEL: $JVM_DEFAULTS ($JAR_INFO)"
echo "rounds=$ROUNDS requests=$REQUESTS clients=$CLIENTS keyspace=$KEYSPACE subscribers=(${COUNTS[*]})" \
     "keys=$KEYS settle=${SETTLE}s startups=$STARTUPS"
if [[ $CONNS == 1 ]]; then
    echo "connections=$CONNECTIONS cycles=$CYCLES churn_parallel=$CHURN_PARALLEL conn_settle=${CONN_SETTLE}s" \
         "maxclients=$MAXCLIENTS open-files limit=$(ulimit -n)"
fi

# --------------------------------------------------------------- start-up ---

# startup_once <server>: launch it on a free port through Startup, print milliseconds to the first PONG.
startup_once() {
    local server=$1 port out
    port=$(free_port 16500)
    if [[ $server == redis ]]; then
        out=$(java -cp "$TMP/classes" Startup --port "$port" --timeout 30 --log "$TMP/startup.log" -- \
                  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no --dir "$TMP")
    else
        # shellcheck disable=SC2086  # JAVA_OPTS is a word list on purpose
        out=$(java -cp "$TMP/classes" Startup --port "$port" --timeout 30 --log "$TMP/startup.log" -- \
                  java ${JAVA_OPTS:-} -jar "$JAR" --port "$port")
    fi || { cat "$TMP/startup.log" >&2; die "$server did not start (Startup: ${out:-no output})"; }
    sed -n 's/^startup_ms=\([0-9.]*\) ok=true$/\1/p' <<<"$out"
}

echo
echo "start-up: launch to first PONG, $STARTUPS time(s) per server"
check_busy start-up
if [[ $WARMUP == 1 ]]; then   # page cache, not the JVM: each launch is a new process anyway
    startup_once redis >/dev/null
    startup_once ours >/dev/null
fi
for ((i = 1; i <= STARTUPS; i++)); do
    for server in $(order_for "$i"); do
        ms=$(startup_once "$server")
        printf 'start-up %d  %-5s  %8s ms\n' "$i" "$server" "$ms"
        record startup "$server" "$ms"
    done
done

# ----------------------------------------------------------------- memory ---

# One RESP file with KEYS commands SET key:NNNNNN val:0...0NNNNNN: keys exactly 10 bytes, values exactly 32.
KEYFILE="$TMP/keys.resp"
awk -v n="$KEYS" 'BEGIN { for (i = 0; i < n; i++)
    printf "*3\r\n$3\r\nSET\r\n$10\r\nkey:%06d\r\n$32\r\nval:%028d\r\n", i, i }' >"$KEYFILE"

# memory_once <server> <label> [jvm option...]: a fresh server, load KEYFILE; sets MEM_BEFORE, MEM_LOADED and
# MEM_SETTLED (VmRSS in kB). Not in a $(...) subshell: the server must be our child, so that stop() can reap it.
memory_once() {
    local server=$1 label=$2 port pid log before loaded settled size i
    shift 2
    port=$(free_port 16400)
    log="$TMP/memory-$label.log"
    if [[ $server == redis ]]; then launch_redis "$port" "$log"; else launch_ours "$port" "$log" "$@"; fi
    pid=$LAUNCHED_PID
    EXTRA_PIDS=("$pid")
    wait_for_ping "$label" "$port" "$pid" "$log"
    sleep 1   # let start-up finish (JIT threads, lazily touched pages) before the baseline
    before=$(rss_kb "$pid")
    timeout 300 redis-cli -p "$port" --pipe <"$KEYFILE" >"$TMP/pipe.out" 2>&1 \
        || { cat "$TMP/pipe.out" >&2; die "loading $KEYS keys into $label failed"; }
    for ((i = 0; i < 600; i++)); do   # bounded: at most ~60 s
        size=$(redis-cli -p "$port" dbsize 2>/dev/null || true)
        [[ $size == "$KEYS" ]] && break
        sleep 0.1
    done
    [[ $size == "$KEYS" ]] || die "$label: DBSIZE is '$size' after loading, expected $KEYS"
    loaded=$(rss_kb "$pid")
    sleep "$SETTLE"
    settled=$(rss_kb "$pid")
    stop "$pid"
    EXTRA_PIDS=()
    MEM_BEFORE=$before MEM_LOADED=$loaded MEM_SETTLED=$settled
}

# memory_round <round>: every server fresh, alternating order; records delta and total bytes per key (settled RSS).
memory_round() {
    local round=$1 server label before loaded settled
    local runs=()
    for server in $(order_for "$round"); do runs+=("$server:$server"); done
    [[ $SERIAL != 1 ]] || runs+=("ours:ours-serialgc")
    for run in "${runs[@]}"; do
        server=${run%%:*} label=${run#*:}
        if [[ $label == ours-serialgc ]]; then
            memory_once ours "$label" -XX:+UseSerialGC
        else
            memory_once "$server" "$label"
        fi
        before=$MEM_BEFORE loaded=$MEM_LOADED settled=$MEM_SETTLED
        printf 'round %d  memory %-14s RSS %8s kB before, %8s kB loaded, %8s kB after %ss\n' \
            "$round" "$label" "$before" "$loaded" "$settled" "$SETTLE"
        record "mem_delta:$label" "$server" "$(awk -v a="$before" -v b="$settled" -v n="$KEYS" 'BEGIN { print (b - a) * 1024 / n }')"
        record "mem_total:$label" "$server" "$(awk -v b="$settled" -v n="$KEYS" 'BEGIN { print b * 1024 / n }')"
    done
}

# ------------------------------------------------------ servers, warm-up ---

start_servers   # REDIS_PORT, OURS_PORT: both run for the throughput, fan-out and allocation measurements
echo
echo "redis-server on port $REDIS_PORT, mini-redis on port $OURS_PORT"

alloc_bytes() { info_field "$OURS_PORT" stats event_loop_allocated_bytes; }
[[ -n $(alloc_bytes) ]] || echo "  (ours does not report event_loop_allocated_bytes in INFO: allocation rows will be n/a)"

if [[ $WARMUP == 1 ]]; then
    warm=$((REQUESTS / 4 > 10000 ? REQUESTS / 4 : 10000))
    echo "warm-up: $warm requests per redis-benchmark test, a quarter of the messages per fan-out count; not recorded"
    for test in "${TESTS[@]}"; do
        for pipe in "${PIPELINES[@]}"; do
            redis_bench "$REDIS_PORT" "$test" "$pipe" "$warm" >/dev/null
            redis_bench "$OURS_PORT" "$test" "$pipe" "$warm" >/dev/null
        done
    done
    for n in "${COUNTS[@]}"; do
        m=$(fanout_messages "$n")
        m=$((m / 4 > 1000 ? m / 4 : 1000))
        fanout_run redis "$REDIS_PORT" "$n" "$m" >/dev/null
        fanout_run ours "$OURS_PORT" "$n" "$m" >/dev/null
    done
fi

# ----------------------------------------------------------------- rounds ---

for ((round = 1; round <= ROUNDS; round++)); do
    check_busy "round $round"
    order=$(order_for "$round")
    for test in "${TESTS[@]}"; do
        for pipe in "${PIPELINES[@]}"; do
            for server in $order; do
                if [[ $server == redis ]]; then port=$REDIS_PORT; else port=$OURS_PORT; fi
                a0=""
                [[ $server == redis || $pipe != 1 ]] || a0=$(alloc_bytes)
                res=$(redis_bench "$port" "$test" "$pipe" "$REQUESTS")
                read -r rps p99 <<<"$res"
                extra=""
                if [[ -n $a0 ]]; then
                    a1=$(alloc_bytes)
                    per=$(awk -v a="$a0" -v b="$a1" -v n="$REQUESTS" 'BEGIN { printf "%.1f", (b - a) / n }')
                    record "alloc:$test" ours "$per"
                    extra="  allocated $per B/request"
                fi
                printf 'round %d  %-3s P=%-2s  %-5s  %12s rps  p99 %7s ms%s\n' \
                    "$round" "$test" "$pipe" "$server" "$rps" "$p99" "$extra"
                record "rps:$test:$pipe" "$server" "$rps"
                record "p99:$test:$pipe" "$server" "$p99"
            done
        done
    done
    for n in "${COUNTS[@]}"; do
        m=$(fanout_messages "$n")
        for server in $order; do
            if [[ $server == redis ]]; then port=$REDIS_PORT; else port=$OURS_PORT; fi
            res=$(fanout_run "$server" "$port" "$n" "$m") || exit 1
            read -r rate secs <<<"$res"
            printf 'round %d  fan-out N=%-4s M=%-8s %-5s  %12s delivered/s  in %7s s\n' \
                "$round" "$n" "$m" "$server" "$rate" "$secs"
            record "fanout:$n" "$server" "$rate"
        done
    done
    memory_round "$round"
    if [[ $CONNS == 1 ]]; then
        for server in $order; do
            connections_measure "$server" "round $round "   # fresh servers; see connections.sh
            record conn_idle "$server" "$CONN_IDLE"
            record churn "$server" "$CONN_CHURN"
        done
    fi
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- summary ---

# row <metric label> <redis> <ours> <decimals> <target kind> <target text>: one Markdown table row (lib.sh).

TABLE="$TMP/table.md"
{
    echo "| metric | redis | ours | ours/redis | target | met? |"
    echo "|---|---:|---:|---:|---|---|"
    for test in "${TESTS[@]}"; do
        for pipe in "${PIPELINES[@]}"; do
            row "$test -P $pipe throughput (req/s)" "$(median "rps:$test:$pipe" redis)" \
                "$(median "rps:$test:$pipe" ours)" 0 ge1 "ratio >= 1.0"
            row "$test -P $pipe p99 latency (ms)" "$(median "p99:$test:$pipe" redis)" \
                "$(median "p99:$test:$pipe" ours)" 3 le1 "ours <= redis"
        done
    done
    for n in "${COUNTS[@]}"; do
        row "fan-out to $n subscriber(s) (delivered msg/s)" "$(median "fanout:$n" redis)" \
            "$(median "fanout:$n" ours)" 0 ge1 "ratio >= 1.0"
    done
    row "memory per key, RSS growth (bytes)" "$(median mem_delta:redis redis)" \
        "$(median mem_delta:ours ours)" 1 le1.5 "ratio <= 1.5"
    row "memory per key, total RSS / keys (bytes)" "$(median mem_total:redis redis)" \
        "$(median mem_total:ours ours)" 1 le1.5 "ratio <= 1.5"
    if [[ $SERIAL == 1 ]]; then
        row "memory per key, RSS growth, ours with -XX:+UseSerialGC (non-default, informational)" \
            "$(median mem_delta:redis redis)" "$(median mem_delta:ours-serialgc ours)" 1 info "-"
        row "memory per key, total RSS / keys, ours with -XX:+UseSerialGC (non-default, informational)" \
            "$(median mem_total:redis redis)" "$(median mem_total:ours-serialgc ours)" 1 info "-"
    fi
    if [[ $CONNS == 1 ]]; then
        row "idle connections: RSS per connection, $CONNECTIONS open, after ${CONN_SETTLE}s (bytes)" \
            "$(median conn_idle redis)" "$(median conn_idle ours)" 0 le1 "ours <= redis"
        row "churn, $CYCLES connect/PING/close: RSS growth after ${CONN_SETTLE}s (MB)" "$(median churn redis)" \
            "$(median churn ours)" 1 "atmost:$CHURN_TARGET_MB" "ours <= $CHURN_TARGET_MB MB"
    fi
    row "allocation per GET, -P 1 (bytes/request, event loop)" nan "$(median alloc:GET ours)" 1 info "-"
    row "allocation per SET, -P 1 (bytes/request, event loop)" nan "$(median alloc:SET ours)" 1 info "-"
    row "start-up to first PONG (ms, median of $STARTUPS)" "$(median startup redis)" "$(median startup ours)" 1 \
        lt500 "ours < 500 ms"
} >"$TABLE"

REPORT="$RESULTS_DIR/latest.md"
{
    echo "# mini-redis vs Redis: latest bench/perf.sh run"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "- $MACHINE, $MEMINFO"
    echo "- ours: $JVM_LABEL: $JVM_DEFAULTS; $JAR_INFO"
    echo "- medians over $ROUNDS round(s); redis-benchmark -n $REQUESTS -c $CLIENTS -r $KEYSPACE;" \
         "fan-out payload $SIZE bytes; memory: $KEYS keys (10-byte keys, 32-byte values), RSS after ${SETTLE}s settle"
    if [[ $CONNS == 1 ]]; then
        echo "- connections (as bench/connections.sh, each test on a fresh server, --maxclients $MAXCLIENTS):" \
             "$CONNECTIONS idle connections, churn of $CYCLES connect/PING/close cycles $CHURN_PARALLEL at a time," \
             "RSS after ${CONN_SETTLE}s"
    fi
    echo "- load average at start: $LOAD_START, at end: $LOAD_END"
    if [[ -n $BUSY ]]; then
        echo "- **a Maven build was running during:$BUSY** (those numbers may be disturbed)"
    else
        echo "- no Maven build was seen running during the measurements"
    fi
    echo
    cat "$TABLE"
    echo
    echo "JVM flags (\`java -XX:+PrintFlagsFinal -version | grep -E 'Use.*GC |MaxHeapSize|InitialHeapSize'\`):"
    echo
    echo '```'
    echo "$JVM_FLAGS"
    echo '```'
} >"$REPORT"

echo
cat "$REPORT"
echo
echo "saved: $REPORT"

# ------------------------------------------------------------------ chart ---

CHART="$RESULTS_DIR/throughput.png"
if ! command -v gnuplot >/dev/null; then
    echo "gnuplot not found: no chart (install it, e.g. apt-get install -y gnuplot-nox, and rerun)"
    exit 0
fi
DATA="$TMP/throughput.dat"   # label, redis = 1, ours / redis
{
    for test in "${TESTS[@]}"; do
        for pipe in "${PIPELINES[@]}"; do
            echo "\"$test -P $pipe\" $(median "rps:$test:$pipe" redis) $(median "rps:$test:$pipe" ours)"
        done
    done
    for n in "${COUNTS[@]}"; do
        echo "\"fan-out N=$n\" $(median "fanout:$n" redis) $(median "fanout:$n" ours)"
    done
} | awk '{ r = $(NF - 1); o = $NF; $(NF - 1) = ""; $NF = ""; sub(/ +$/, "")
           printf "%s 1.0 %.6f\n", $0, (r > 0 ? o / r : 0) }' >"$DATA"

gnuplot <<EOF || { echo "gnuplot failed: no chart"; exit 0; }
set terminal pngcairo size 1100,560 font "DejaVu Sans,11"
set output "$CHART"
set title "mini-redis vs Redis 7 throughput, median of $ROUNDS round(s), same machine (nproc=$(nproc))\nrelative to Redis = 1.0 (higher is better for mini-redis)"
set style data histograms
set style histogram clustered gap 1.5
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:*]
set xrange [-0.6:$(( ${#TESTS[@]} * ${#PIPELINES[@]} + ${#COUNTS[@]} )) - 0.4]
set offsets 0, 0, graph 0.12, 0
set ylabel "throughput relative to Redis"
set grid ytics lc rgb "#dddddd"
set key top left
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb "#555555"
plot "$DATA" using 2:xtic(1) title "Redis 7.0" lc rgb "#c0392b", \
     "" using 3 title "mini-redis" lc rgb "#2471a3", \
     "" using (\$0 + 0.17):(\$3):(sprintf("%.2f", \$3)) with labels offset 0, 0.8 notitle
EOF
echo "saved: $CHART"
