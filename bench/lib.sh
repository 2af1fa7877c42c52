# Shared helpers for the benchmark scripts (compare.sh, fanout.sh, perf.sh, connections.sh). Source it, don't run it:
#
#   ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
#   . "$ROOT/bench/lib.sh"
#
# It defines functions and the JAR path only; nothing runs until a script calls bench_init / start_servers.
# Globals it sets: JAR, JAR_INFO, TMP, REDIS_PID, OURS_PID, REDIS_PORT, OURS_PORT, MACHINE, LAUNCHED_PID, EXTRA_PIDS,
# BUSY, JVM_FLAGS, JVM_DEFAULTS, JVM_LABEL, CONN_*.
# It reads JAVA_OPTS (extra JVM options for our server) when starting the servers, CLIENTS and KEYSPACE in
# redis_bench, MESSAGES, SIZE and TIMEOUT in the fan-out helpers, CONNECTIONS, CYCLES, CHURN_PARALLEL, CONN_SETTLE and
# MAXCLIENTS in connections_measure.

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
EXTRA_PIDS=()   # further servers (launch_redis / launch_ours) and clients a script starts; cleanup stops them too

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

# launch_redis <port> <log> [redis flag...]: redis-server with persistence off and the given flags (e.g. --maxclients
# 20000), in the background; its pid in LAUNCHED_PID.
launch_redis() {
    local port=$1 log=$2
    shift 2
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
        --daemonize no --dir "$TMP" "$@" >"$log" 2>&1 &
    LAUNCHED_PID=$!
}

# launch_ours <port> <log> [jvm option...] [-- server flag...]: our jar with JAVA_OPTS and the given JVM options, and
# the server flags after `--` (e.g. -- --maxclients 20000), in the background; its pid (the java process itself) in
# LAUNCHED_PID.
launch_ours() {
    local port=$1 log=$2 jvm=() flags=()
    shift 2
    while (($#)) && [[ $1 != -- ]]; do jvm+=("$1"); shift; done
    (($#)) && shift   # the --
    flags=("$@")
    # shellcheck disable=SC2086  # JAVA_OPTS is a word list on purpose
    java ${JAVA_OPTS:-} "${jvm[@]}" -jar "$JAR" --port "$port" "${flags[@]}" >"$log" 2>&1 &
    LAUNCHED_PID=$!
}

machine_line() {
    echo "machine: nproc=$(nproc), $(java -version 2>&1 | head -n 1), $(redis-server --version)"
}

# jvm_choices: what `java -jar` picks here (with JAVA_OPTS if set). Sets JVM_FLAGS (the PrintFlagsFinal lines for the
# collector and heap sizes), JVM_DEFAULTS ("GC G1GC, MaxHeapSize ... MiB, InitialHeapSize ... MiB") and JVM_LABEL.
jvm_choices() {
    # shellcheck disable=SC2086  # JAVA_OPTS is a word list on purpose
    JVM_FLAGS=$(java ${JAVA_OPTS:-} -XX:+PrintFlagsFinal -version 2>/dev/null \
                    | grep -E 'Use.*GC |MaxHeapSize|InitialHeapSize' || true)
    JVM_DEFAULTS=$(awk '$2 ~ /^Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC$/ && $4 == "true" { gc = $2 }
                        $2 == "MaxHeapSize" { max = $4 } $2 == "InitialHeapSize" { init = $4 }
                        END { printf "GC %s, MaxHeapSize %d MiB, InitialHeapSize %d MiB", substr(gc, 4), max / 1048576, init / 1048576 }' \
                       <<<"$JVM_FLAGS")
    if [[ -z ${JAVA_OPTS:-} ]]; then JVM_LABEL="JVM defaults"; else JVM_LABEL="JVM with JAVA_OPTS='$JAVA_OPTS'"; fi
}

BUSY=""   # phases during which a Maven build was seen running
check_busy() {  # check_busy <phase>: note it in BUSY when a Maven JVM (another session's build) runs right now
    if pgrep -f plexus-classworlds >/dev/null 2>&1; then
        BUSY="$BUSY $1"
        echo "  (a Maven build is running during $1: its numbers may be disturbed)"
    fi
}

order_for() {  # order_for <i>: odd -> redis first, even -> ours first
    if (($1 % 2)); then echo "redis ours"; else echo "ours redis"; fi
}

# raise_fd_limit <needed>: raise this shell's open-files limit (`ulimit -n`, inherited by every server and client it
# starts) to 65536, or to the hard limit if that is lower; die if it stays below <needed>.
raise_fd_limit() {
    local needed=$1
    ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    local have
    have=$(ulimit -n)
    [[ $have == unlimited ]] || ((have >= needed)) \
        || die "open-files limit is $have (hard limit $(ulimit -Hn)), need at least $needed: raise the hard limit" \
               "(e.g. as root: ulimit -Hn 65536) or lower CONNECTIONS"
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

# compile_bench_tools: FanOut.java, Startup.java and Connections.java into $TMP/classes (the same as the source
# launcher, without recompiling on every run). Needs bench_init.
compile_bench_tools() {
    javac -d "$TMP/classes" "$ROOT/bench/FanOut.java" "$ROOT/bench/Startup.java" "$ROOT/bench/Connections.java" \
        || die "bench/FanOut.java, bench/Startup.java or bench/Connections.java does not compile"
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

# ------------------------------------------------------------ connections ---

# conn_run <server> <mode> [Connections option...]: a fresh <server> (redis or ours) with --maxclients $MAXCLIENTS on
# the first free port from 16600, one second to finish starting, then Connections <mode> (compiled in $TMP/classes)
# against it with --settle $CONN_SETTLE, then the server is stopped. Sets CONN_OUT to the tool's output line and
# CONN_MAXCLIENTS to the server's own `CONFIG GET maxclients` (Redis lowers it when it cannot raise its open-files
# limit). Not in a $(...) subshell: the server must be our child, so that stop() can reap it. On failure prints what
# happened and exits 1.
conn_run() {
    local server=$1 mode=$2 port pid log rc=0 limit client
    shift 2
    port=$(free_port 16600)
    log="$TMP/conn-$server-$mode.log"
    if [[ $server == redis ]]; then
        launch_redis "$port" "$log" --maxclients "$MAXCLIENTS"
    else
        launch_ours "$port" "$log" -- --maxclients "$MAXCLIENTS"
    fi
    pid=$LAUNCHED_PID
    EXTRA_PIDS=("$pid")
    wait_for_ping "$server" "$port" "$pid" "$log"
    CONN_MAXCLIENTS=$(redis-cli -p "$port" config get maxclients 2>/dev/null | tail -n 1)
    if [[ $mode == idle ]] && ! { [[ $CONN_MAXCLIENTS =~ ^[0-9]+$ ]] && ((CONN_MAXCLIENTS >= CONNECTIONS)); }; then
        cat "$log" >&2
        die "$server accepts at most '${CONN_MAXCLIENTS}' clients (CONFIG GET maxclients), fewer than CONNECTIONS=$CONNECTIONS"
    fi
    sleep 1   # let start-up finish (JIT threads, lazily touched pages) before the baseline
    limit=$((120 + 3 * CONN_SETTLE + CONNECTIONS / 100 + CYCLES / 100))   # generous: a normal run takes a fraction
    # In the background and waited for, so that a TERM to the script runs its trap at once (bash runs traps only
    # between foreground commands) and cleanup stops the client too.
    java -cp "$TMP/classes" Connections "$mode" --port "$port" --pid "$pid" --settle "$CONN_SETTLE" \
        --timeout "$limit" "$@" >"$TMP/conn.out" 2>"$TMP/conn.err" &
    client=$!
    EXTRA_PIDS=("$client" "$pid")
    wait "$client" || rc=$?
    CONN_OUT=$(cat "$TMP/conn.out")
    if ((rc != 0)) || [[ $CONN_OUT != *" ok=true" ]]; then
        {
            echo
            echo "FAILED: $server (port $port, pid $pid), Connections $mode $*, exit status $rc"
            echo "Connections stdout: ${CONN_OUT:-(none)}"
            echo "Connections stderr:"
            sed 's/^/  /' "$TMP/conn.err"
            if kill -0 "$pid" 2>/dev/null; then echo "$server is still running"; else echo "$server is no longer running"; fi
            echo "last lines of the $server log:"
            tail -n 20 "$log" | sed 's/^/  /'
        } >&2
        exit 1
    fi
    stop "$pid"
    EXTRA_PIDS=()
}

conn_field() {  # conn_field <name>: the value of name=value in CONN_OUT
    awk -v k="$1" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) print kv[2] } }' <<<"$CONN_OUT"
}

# connections_measure <server> <prefix>: the idle-connection test and the churn test, each on a freshly started
# server (see Connections.java), and one progress line per test starting with <prefix>. Sets
#   CONN_IDLE_ONCE     RSS growth per idle connection right after the last PONG (bytes)
#   CONN_IDLE          RSS growth per idle connection after CONN_SETTLE seconds of silence (bytes)
#   CONN_CLOSED        RSS above the start CONN_SETTLE seconds after closing all of them (MB)
#   CONN_CHURN_ONCE    RSS growth right after CYCLES connect/PING/close cycles (MB)
#   CONN_CHURN         RSS growth CONN_SETTLE seconds after the churn (MB)
#   CONN_MAXCLIENTS_IDLE the server's CONFIG GET maxclients in the idle test
connections_measure() {
    local server=$1 prefix=$2 start open settled closed end
    conn_run "$server" idle --connections "$CONNECTIONS"
    CONN_MAXCLIENTS_IDLE=$CONN_MAXCLIENTS
    start=$(conn_field rss_start_kb) open=$(conn_field rss_open_kb)
    settled=$(conn_field rss_settled_kb) closed=$(conn_field rss_closed_kb)
    CONN_IDLE_ONCE=$(awk -v a="$start" -v b="$open" -v n="$CONNECTIONS" 'BEGIN { printf "%.1f", (b - a) * 1024 / n }')
    CONN_IDLE=$(awk -v a="$start" -v b="$settled" -v n="$CONNECTIONS" 'BEGIN { printf "%.1f", (b - a) * 1024 / n }')
    CONN_CLOSED=$(awk -v a="$start" -v b="$closed" 'BEGIN { printf "%.1f", (b - a) / 1024 }')
    printf '%s idle  %-5s  RSS %7s kB start, %7s kB with %s open (%s s), %7s kB after %ss: %8s B/conn (%s at once);' \
        "$prefix" "$server" "$start" "$open" "$CONNECTIONS" "$(conn_field open_seconds)" "$settled" "$CONN_SETTLE" \
        "$CONN_IDLE" "$CONN_IDLE_ONCE"
    printf ' all closed: %7s kB after %ss\n' "$closed" "$CONN_SETTLE"

    conn_run "$server" churn --cycles "$CYCLES" --parallel "$CHURN_PARALLEL"
    start=$(conn_field rss_start_kb) end=$(conn_field rss_end_kb) settled=$(conn_field rss_settled_kb)
    CONN_CHURN_ONCE=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) / 1024 }')
    CONN_CHURN=$(awk -v a="$start" -v b="$settled" 'BEGIN { printf "%.1f", (b - a) / 1024 }')
    printf '%s churn %-5s  RSS %7s kB start, %7s kB after %s cycles (%s s), %7s kB after %ss: %+7.1f MB (%+.1f MB at once)\n' \
        "$prefix" "$server" "$start" "$end" "$CYCLES" "$(conn_field seconds)" "$settled" "$CONN_SETTLE" \
        "$CONN_CHURN" "$CONN_CHURN_ONCE"
}

# ---------------------------------------------------------------- summary ---

# results_init: an empty "$TMP/results" for record/median (call after bench_init).
results_init() {
    RESULTS="$TMP/results"   # lines: metric server value
    : >"$RESULTS"
}

record() {  # record <metric> <server> <value>: one measurement of one round
    echo "$1 $2 $3" >>"$RESULTS"
}

median() {  # median <metric> <server>: median over rounds, "nan" if never measured
    awk -v m="$1" -v s="$2" '$1 == m && $2 == s { print $3 }' "$RESULTS" | median_of
}

median_of() {  # numbers on stdin, one a line -> their median ("nan" if none)
    sort -g \
        | awk '{ v[NR] = $1 }
               END { if (NR == 0) print "nan"
                     else if (NR % 2) print v[(NR + 1) / 2]
                     else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# row <metric label> <redis> <ours> <decimals> <target kind> <target text>: one Markdown table row
# "| metric | redis | ours | ours/redis | target | met? |". Values "nan" or "" are n/a. Target kinds: ge1 (ratio >= 1.0),
# le1 (ours <= redis), le1.5 (ratio <= 1.5), lt500 (ours < 500), atmost:<x> (ours <= x, no ratio shown), info (none),
# abs (none, and no ratio shown: for figures near zero such as a growth in MB).
row() {
    awk -v label="$1" -v r="$2" -v o="$3" -v d="$4" -v kind="$5" -v target="$6" '
        function num(x) { return x != "nan" && x != "" }
        function fmt(x) { return num(x) ? sprintf("%." d "f", x) : "n/a" }
        BEGIN {
            ratio = (num(r) && num(o) && r > 0) ? sprintf("%.2f", o / r) : "n/a"
            met = "n/a"
            if (kind == "info" || kind == "abs") met = "-"
            else if (kind == "lt500" && num(o)) met = (o + 0 < 500) ? "yes" : "**no**"
            else if (kind ~ /^atmost:/ && num(o)) met = (fmt(o) + 0 <= substr(kind, 8) + 0) ? "yes" : "**no**"
            else if (kind == "le1" && num(o) && num(r)) met = (fmt(o) + 0 <= fmt(r) + 0) ? "yes" : "**no**"
            else if (ratio != "n/a") {
                if (kind == "ge1") met = (ratio + 0 >= 1.0) ? "yes" : "**no**"
                if (kind == "le1.5") met = (ratio + 0 <= 1.5) ? "yes" : "**no**"
            }
            if ((kind == "info" && !num(r)) || kind ~ /^atmost:/ || kind == "abs") ratio = "-"   # no meaningful ratio
            printf "| %s | %s | %s | %s | %s | %s |\n", label, num(r) ? fmt(r) : (kind == "info" ? "-" : "n/a"), fmt(o), ratio, target, met
        }'
}
