# Shared helpers for the benchmark scripts (compare.sh, fanout.sh, perf.sh). Source it, don't run it:
#
#   ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
#   . "$ROOT/bench/lib.sh"
#
# It defines functions and the JAR path only; nothing runs until a script calls bench_init / start_servers.
# Globals it sets: JAR, JAR_INFO, TMP, REDIS_PID, OURS_PID, REDIS_PORT, OURS_PORT, MACHINE, LAUNCHED_PID, EXTRA_PIDS.
# It reads JAVA_OPTS (extra JVM options for our server) when starting the servers, CLIENTS and KEYSPACE in
# redis_bench, MESSAGES, SIZE and TIMEOUT in the fan-out helpers.

JAR="$ROOT/server-app/target/mini-redis-server.jar"

die() {  # die <message>: "<script name>: message" on stderr, exit 1
    echo "$(basename "$0"): $*" >&2
    exit 1
}

require_positive() {  # require_positive VAR...: each variable must hold a positive integer
    local v
    for v; do
        [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer (got '${!v}')"
    done
}

require_jar() {  # the scripts build nothing
    if [[ ! -f $JAR ]]; then
        echo "build first: mvn -q -DskipTests package"
        exit 1
    fi
}

require_tools() {  # require_tools tool...: each must be on PATH
    local tool
    for tool; do
        command -v "$tool" >/dev/null || die "$tool not found on PATH"
    done
}

# ---------------------------------------------------------------- servers ---

TMP=""
REDIS_PID=""
OURS_PID=""
EXTRA_PIDS=()   # further servers a script starts (launch_redis / launch_ours); cleanup stops them too

stop() {  # stop <pid>: SIGTERM, wait up to ~5 s, then SIGKILL
    local pid=$1 i
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local pid
    trap - EXIT INT TERM
    stop "$REDIS_PID"
    stop "$OURS_PID"
    for pid in "${EXTRA_PIDS[@]}"; do stop "$pid"; done
    [[ -z $TMP ]] || rm -rf "$TMP"
}

bench_init() {  # a temporary directory (logs, results) and the traps that clean up on any exit
    TMP=$(mktemp -d "${TMPDIR:-/tmp}/mini-redis-bench.XXXXXX")
    trap cleanup EXIT
    # Ctrl-C / kill: exit, which runs the EXIT trap. (Background jobs of a script
    # ignore SIGINT, so the servers would otherwise outlive us.)
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

port_in_use() {  # something accepts TCP connections on 127.0.0.1:$1
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {  # first port >= $1 that nobody listens on
    local p=$1
    while port_in_use "$p"; do
        ((p++))
        ((p < 65535)) || die "no free port found"
    done
    echo "$p"
}

wait_for_ping() {  # wait_for_ping <name> <port> <pid> <log>: poll, bounded
    local name=$1 port=$2 pid=$3 log=$4 i
    for ((i = 0; i < 150; i++)); do    # 150 x 0.1 s = at most ~15 s
        kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "$name exited during start-up"; }
        [[ $(redis-cli -p "$port" ping 2>/dev/null) == PONG ]] && return 0
        sleep 0.1
    done
    cat "$log" >&2
    die "$name did not answer PING on port $port"
}

# snapshot_jar: run a copy of the jar taken now, so a rebuild while we measure cannot swap classes under a running
# server. Sets JAR to the copy in $TMP and JAR_INFO to "jar: <mtime> <sha1 prefix>" of the original. Needs bench_init.
snapshot_jar() {
    cp "$JAR" "$TMP/mini-redis-server.jar"
    JAR_INFO="jar: $(ls -l --time-style=+%Y-%m-%dT%H:%M:%S "$JAR" | awk '{ print $6 }') $(sha1sum "$JAR" | cut -c1-12)"
    JAR="$TMP/mini-redis-server.jar"
}

# launch_redis <port> <log>: redis-server with persistence off, in the background; its pid in LAUNCHED_PID.
launch_redis() {
    redis-server --port "$1" --bind 127.0.0.1 --save '' --appendonly no \
        --daemonize no --dir "$TMP" >"$2" 2>&1 &
    LAUNCHED_PID=$!
}

# launch_ours <port> <log> [jvm option...]: our jar with JAVA_OPTS and the given options, in the background; its pid
# (the java process itself) in LAUNCHED_PID.
launch_ours() {
    local port=$1 log=$2
    shift 2
    # shellcheck disable=SC2086  # JAVA_OPTS is a word list on purpose
    java ${JAVA_OPTS:-} "$@" -jar "$JAR" --port "$port" >"$log" 2>&1 &
    LAUNCHED_PID=$!
}

machine_line() {
    echo "machine: nproc=$(nproc), $(java -version 2>&1 | head -n 1), $(redis-server --version)"
}

# start_servers: redis-server (persistence off) and our jar on the first free ports from 16379 up, side by side,
# logging to $TMP/redis.log and $TMP/ours.log; returns once both answer PING. Needs bench_init first.
start_servers() {
    REDIS_PORT=$(free_port 16379)
    OURS_PORT=$(free_port $((REDIS_PORT + 1)))

    launch_redis "$REDIS_PORT" "$TMP/redis.log"
    REDIS_PID=$LAUNCHED_PID
    launch_ours "$OURS_PORT" "$TMP/ours.log"
    OURS_PID=$LAUNCHED_PID

    wait_for_ping redis-server "$REDIS_PORT" "$REDIS_PID" "$TMP/redis.log"
    wait_for_ping mini-redis "$OURS_PORT" "$OURS_PID" "$TMP/ours.log"

    MACHINE=$(machine_line)
}

# ------------------------------------------------------------ measurement ---

# redis_bench <port> <test> <pipeline> <requests>: one redis-benchmark run (-c $CLIENTS -r $KEYSPACE); prints
# "rps p99_ms". redis-benchmark 7 --csv prints a header line, then one line per test:
#   "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms",
#   "p95_latency_ms","p99_latency_ms","max_latency_ms"
# Columns are looked up by header name, not by position.
redis_bench() {
    local port=$1 test=$2 pipe=$3 n=$4 out
    out=$(redis-benchmark -h 127.0.0.1 -p "$port" -t "${test,,}" -n "$n" -c "$CLIENTS" \
              -P "$pipe" -r "$KEYSPACE" --csv 2>"$TMP/bench.err") \
        || { cat "$TMP/bench.err" >&2; die "redis-benchmark failed on port $port"; }
    awk -F, -v test="$test" '
        { for (i = 1; i <= NF; i++) gsub(/"/, "", $i) }
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == test { print $col["rps"], $col["p99_latency_ms"]; found = 1 }
        END { exit !found }' <<<"$out" \
        || { echo "$out" >&2; die "no $test line in redis-benchmark output"; }
}

# info_field <port> <section> <field>: one field of INFO <section> ("" if the server does not report it).
info_field() {
    redis-cli -p "$1" info "$2" 2>/dev/null | tr -d '\r' | awk -F: -v f="$3" '$1 == f { print $2; exit }'
}

rss_kb() {  # rss_kb <pid>: resident set size (VmRSS) in kB
    awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"
}

# compile_bench_tools: FanOut.java and Startup.java into $TMP/classes (the same as the source launcher, without
# recompiling on every run). Needs bench_init.
compile_bench_tools() {
    javac -d "$TMP/classes" "$ROOT/bench/FanOut.java" "$ROOT/bench/Startup.java" \
        || die "bench/FanOut.java or bench/Startup.java does not compile"
}

fanout_messages() {  # fanout_messages <subscribers>: M for one run ($MESSAGES, else min(1000000, 4000000/N))
    local n=$1 m
    if [[ -n ${MESSAGES:-} ]]; then
        echo "$MESSAGES"
        return
    fi
    m=$((4000000 / n))
    ((m <= 1000000)) || m=1000000
    ((m >= 1000)) || m=1000
    echo "$m"
}

# fanout_run <server> <port> <subscribers> <messages>: runs FanOut (compiled in $TMP/classes) once with --size $SIZE
# --timeout $TIMEOUT and prints "delivered_per_sec seconds". On ok=false, or if FanOut fails in any other way, prints
# what happened (FanOut's output, whether the server still runs, the end of its log) and exits 1.
fanout_run() {
    local server=$1 port=$2 n=$3 m=$4 out rc=0 pid log
    out=$(java -cp "$TMP/classes" FanOut --port "$port" --subscribers "$n" --messages "$m" \
              --size "${SIZE:-16}" --timeout "${TIMEOUT:-60}" 2>"$TMP/fanout.err") || rc=$?
    if ((rc == 0)) && [[ $out == *" ok=true" ]]; then
        awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
               print f["delivered_per_sec"], f["seconds"] }' <<<"$out"
        return 0
    fi
    if [[ $server == redis ]]; then pid=$REDIS_PID log=$TMP/redis.log; else pid=$OURS_PID log=$TMP/ours.log; fi
    {
        echo
        echo "FAILED: $server (port $port), subscribers=$n messages=$m size=${SIZE:-16}, FanOut exit status $rc"
        echo "FanOut stdout: ${out:-(none)}"
        echo "FanOut stderr:"
        sed 's/^/  /' "$TMP/fanout.err"
        if kill -0 "$pid" 2>/dev/null; then
            echo "$server is still running (pid $pid)"
        else
            echo "$server (pid $pid) is no longer running: it crashed or was killed"
        fi
        echo "last lines of the $server log:"
        tail -n 20 "$log" | sed 's/^/  /'
    } >&2
    exit 1
}

# ---------------------------------------------------------------- summary ---

median_of() {  # numbers on stdin, one a line -> their median ("nan" if none)
    sort -g \
        | awk '{ v[NR] = $1 }
               END { if (NR == 0) print "nan"
                     else if (NR % 2) print v[(NR + 1) / 2]
                     else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
