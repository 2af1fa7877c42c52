#!/usr/bin/env bash
# Per-connection memory: idle connections and connection churn, mini-redis against a real redis-server.
#
# Usage: bench/connections.sh [rounds]          (default 3 rounds)
#
# What it measures, on both servers, each test on a freshly started server with --maxclients MAXCLIENTS
# (Connections.java does the client side and reads the server's VmRSS from /proc/PID/status):
#   1. Idle connections: RSS of the idle server, then CONNECTIONS connections opened one by one, each with a PING
#      answered +PONG (the round trip is the barrier: the server has accepted and served it), all kept open. RSS right
#      away and after CONN_SETTLE seconds of silence; RSS growth per connection in bytes. Then every connection must
#      still answer PING, all are closed, and the RSS CONN_SETTLE seconds later shows what the server keeps.
#   2. Churn: RSS of the idle server, then CYCLES cycles of connect / PING / read +PONG / close, CHURN_PARALLEL at a
#      time; RSS right away and after CONN_SETTLE seconds; growth over the start in MB.
# Targets (issue 11): idle connections cost no more memory than in Redis (bytes per connection after the settle,
# ours <= redis), and churn leaves RSS within 16 MB of where it started (ours, after the settle).
#
# Environment:
#   CONNECTIONS     idle connections held open at once          (default 10000)
#   CYCLES          connect/PING/close cycles of the churn test  (default 5000)
#   CHURN_PARALLEL  churn cycles run at once                     (default 4)
#   CONN_SETTLE     seconds of silence before the settled RSS    (default 15; Redis needs ~12 s to trim idle clients'
#                   query buffers and have jemalloc hand the pages back)
#   MAXCLIENTS      --maxclients for both servers                (default 20000)
#   JAVA_OPTS       extra JVM options for ours                   (default none: the JVM defaults, plain java -jar)
#   RESULTS_DIR     where connections.md goes                    (default bench/results)
#
# Method
#   * Every test runs on a fresh server, so one test's leftovers never count in the next. Each round measures both
#     servers, odd rounds Redis first, even rounds ours first; the table shows medians over rounds.
#   * The script raises the open-files limit (ulimit -n 65536, or the hard limit if lower); the client holds
#     CONNECTIONS sockets, each server as many. Redis lowers its maxclients to the limit minus 32 when it cannot
#     raise it to maxclients + 32; the script checks every server accepts CONNECTIONS clients.
#   * Load average and any Maven build seen running are reported, so a disturbed run can be recognised.
#
# It builds nothing; build the jar first with Maven. It runs a copy of the jar taken at start. About 100 s a round.

set -euo pipefail

ROUNDS=${1:-3}
CONNECTIONS=${CONNECTIONS:-10000}
CYCLES=${CYCLES:-5000}
CHURN_PARALLEL=${CHURN_PARALLEL:-4}
CONN_SETTLE=${CONN_SETTLE:-15}
MAXCLIENTS=${MAXCLIENTS:-20000}
JAVA_OPTS=${JAVA_OPTS:-}
CHURN_TARGET_MB=16

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS_DIR=${RESULTS_DIR:-$ROOT/bench/results}
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"   # die, servers, ports, connections_measure, row, median_of

require_positive ROUNDS CONNECTIONS CYCLES CHURN_PARALLEL MAXCLIENTS
[[ $CONN_SETTLE =~ ^[0-9]+$ ]] || die "CONN_SETTLE must be a number of seconds (got '$CONN_SETTLE')"
((CONNECTIONS <= MAXCLIENTS)) || die "CONNECTIONS ($CONNECTIONS) must not exceed MAXCLIENTS ($MAXCLIENTS)"
require_jar
require_tools redis-server redis-cli java javac awk
raise_fd_limit $((CONNECTIONS + 256))
mkdir -p "$RESULTS_DIR"

bench_init            # $TMP, and traps that stop every server we start on any exit, Ctrl-C included
compile_bench_tools   # Connections (and FanOut, Startup) into $TMP/classes
snapshot_jar          # JAR = a copy in $TMP, JAR_INFO describes the original
jvm_choices           # JVM_LABEL, JVM_DEFAULTS, JVM_FLAGS
MACHINE=$(machine_line)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

results_init   # record and median (lib.sh)

echo "$MACHINE"
echo "ours: $JVM_LABEL: $JVM_DEFAULTS ($JAR_INFO)"
echo "rounds=$ROUNDS connections=$CONNECTIONS cycles=$CYCLES churn_parallel=$CHURN_PARALLEL settle=${CONN_SETTLE}s" \
     "maxclients=$MAXCLIENTS open-files limit=$(ulimit -n)"

MAXCLIENTS_SEEN=""
for ((round = 1; round <= ROUNDS; round++)); do
    check_busy "round $round"
    for server in $(order_for "$round"); do
        connections_measure "$server" "round $round "
        record conn_idle_once "$server" "$CONN_IDLE_ONCE"
        record conn_idle "$server" "$CONN_IDLE"
        record conn_closed "$server" "$CONN_CLOSED"
        record churn_once "$server" "$CONN_CHURN_ONCE"
        record churn "$server" "$CONN_CHURN"
        ((round > 1)) || MAXCLIENTS_SEEN="$MAXCLIENTS_SEEN $server=$CONN_MAXCLIENTS_IDLE"
    done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- summary ---

TABLE="$TMP/table.md"
{
    echo "| metric | redis | ours | ours/redis | target | met? |"
    echo "|---|---:|---:|---:|---|---|"
    row "idle connections: RSS per connection after ${CONN_SETTLE}s idle (bytes)" "$(median conn_idle redis)" \
        "$(median conn_idle ours)" 0 le1 "ours <= redis"
    row "idle connections: RSS per connection right after the last PONG (bytes, informational)" \
        "$(median conn_idle_once redis)" "$(median conn_idle_once ours)" 0 info "-"
    row "idle connections, all closed: RSS above the start ${CONN_SETTLE}s later (MB, informational)" \
        "$(median conn_closed redis)" "$(median conn_closed ours)" 1 abs "-"
    row "churn, $CYCLES connect/PING/close: RSS growth after ${CONN_SETTLE}s (MB)" "$(median churn redis)" \
        "$(median churn ours)" 1 "atmost:$CHURN_TARGET_MB" "ours <= $CHURN_TARGET_MB MB"
    row "churn: RSS growth right after the last cycle (MB, informational)" "$(median churn_once redis)" \
        "$(median churn_once ours)" 1 abs "-"
} >"$TABLE"

REPORT="$RESULTS_DIR/connections.md"
{
    echo "# mini-redis vs Redis: latest bench/connections.sh run"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "- $MACHINE"
    echo "- ours: $JVM_LABEL: $JVM_DEFAULTS; $JAR_INFO"
    echo "- medians over $ROUNDS round(s), each test on a fresh server; $CONNECTIONS idle connections (one PING each);" \
         "churn: $CYCLES connect/PING/close cycles, $CHURN_PARALLEL at a time; settle ${CONN_SETTLE}s"
    echo "- --maxclients $MAXCLIENTS, open-files limit $(ulimit -n); CONFIG GET maxclients:$MAXCLIENTS_SEEN"
    echo "- load average at start: $LOAD_START, at end: $LOAD_END"
    if [[ -n $BUSY ]]; then
        echo "- **a Maven build was running during:$BUSY** (those numbers may be disturbed)"
    else
        echo "- no Maven build was seen running during the measurements"
    fi
    echo
    cat "$TABLE"
} >"$REPORT"

echo
cat "$REPORT"
echo
echo "saved: $REPORT"
