# Shared helpers for the benchmark scripts (compare.sh, fanout.sh). Source it, don't run it:
#
#   ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
#   . "$ROOT/bench/lib.sh"
#
# It defines functions and the JAR path only; nothing runs until a script calls bench_init / start_servers.
# Globals it sets: JAR, TMP, REDIS_PID, OURS_PID, REDIS_PORT, OURS_PORT, MACHINE. It reads JAVA_OPTS (extra JVM
# options for our server) when starting the servers.

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
    trap - EXIT INT TERM
    stop "$REDIS_PID"
    stop "$OURS_PID"
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

# start_servers: redis-server (persistence off) and our jar on the first free ports from 16379 up, side by side,
# logging to $TMP/redis.log and $TMP/ours.log; returns once both answer PING. Needs bench_init first.
start_servers() {
    REDIS_PORT=$(free_port 16379)
    OURS_PORT=$(free_port $((REDIS_PORT + 1)))

    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
        --daemonize no --dir "$TMP" >"$TMP/redis.log" 2>&1 &
    REDIS_PID=$!
    # shellcheck disable=SC2086  # JAVA_OPTS is a word list on purpose
    java ${JAVA_OPTS:-} -jar "$JAR" --port "$OURS_PORT" >"$TMP/ours.log" 2>&1 &
    OURS_PID=$!

    wait_for_ping redis-server "$REDIS_PORT" "$REDIS_PID" "$TMP/redis.log"
    wait_for_ping mini-redis "$OURS_PORT" "$OURS_PID" "$TMP/ours.log"

    MACHINE="machine: nproc=$(nproc), $(java -version 2>&1 | head -n 1), $(redis-server --version)"
}

# ---------------------------------------------------------------- summary ---

median_of() {  # numbers on stdin, one a line -> their median ("nan" if none)
    sort -g \
        | awk '{ v[NR] = $1 }
               END { if (NR == 0) print "nan"
                     else if (NR % 2) print v[(NR + 1) / 2]
                     else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
