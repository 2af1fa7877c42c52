#!/usr/bin/env bash
# Three mini-redis instances behind twemproxy (nutcracker): one keyspace spread over several single-threaded servers.
#
# Usage: bench/twemproxy.sh
#
# Environment:
#   KEYS_TO_WRITE  keys written through the proxy (default 100)
#   KEY_FORMAT     printf format of the key names, given the key's number (default 'user:%d:name')
#   JAVA_OPTS      extra JVM options for the mini-redis instances (default none)
#
# What it does
#   * starts three copies of the built jar on free loopback ports (from 17000 up), and nutcracker in front of them
#     with a generated config: distribution ketama, hash fnv1a_64, redis: true;
#   * writes KEYS_TO_WRITE keys (user:1:name = value:1, ...) through the proxy with redis-cli;
#   * asks every instance for its DBSIZE: each must hold some keys, and together exactly KEYS_TO_WRITE;
#   * reads ten keys with one MGET through the proxy (the proxy splits it by instance and merges the replies) and
#     checks every value; then one GET per instance, straight from the instance that holds the key;
#   * stops everything on exit, also on failure or Ctrl-C.
# Any failed check exits with status 1.
#
# It builds nothing (build the jar first with Maven) and installs nothing: twemproxy is Debian's nutcracker package.

set -euo pipefail

KEYS_TO_WRITE=${KEYS_TO_WRITE:-100}
# The number sits in the middle of the name on purpose: twemproxy's fnv1a_64 is computed in 32 bits with the prime cut
# to 0x1b3, so a byte changes only the low bits of the hash and needs two or three more bytes after it to reach the
# high bits that pick the point on the ketama ring. Keys that differ only in their last characters (key:1, key:2, ...)
# crowd onto one or two instances. Try KEY_FORMAT='key:%d' to see it.
KEY_FORMAT=${KEY_FORMAT:-user:%d:name}
JAVA_OPTS=${JAVA_OPTS:-}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"   # die, require_*, stop, free_port, wait_for_ping, JAR

require_positive KEYS_TO_WRITE
((KEYS_TO_WRITE >= 10)) || die "KEYS_TO_WRITE must be at least 10 (the MGET check reads ten keys)"
if ! command -v nutcracker >/dev/null; then
    die "nutcracker (twemproxy) not found; install it with: apt-get install nutcracker"
fi
require_jar
require_tools java redis-cli awk

# ---------------------------------------------------------------- set-up ---

PIDS=()
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mini-redis-twemproxy.XXXXXX")

cleanup_all() {
    trap - EXIT INT TERM
    local pid
    for pid in "${PIDS[@]}"; do stop "$pid"; done
    rm -rf "$TMP"
}
trap cleanup_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {  # fail <message>: report, show the logs, exit 1 (the EXIT trap stops everything)
    echo "FAILED: $*" >&2
    local log
    for log in "$TMP"/*.log; do
        [[ -s $log ]] || continue
        echo "--- last lines of $(basename "$log")" >&2
        tail -n 10 "$log" >&2
    done
    exit 1
}

# Run a snapshot of the jar, so a rebuild meanwhile cannot swap classes under the running servers.
cp "$JAR" "$TMP/mini-redis-server.jar"
JAR="$TMP/mini-redis-server.jar"

NAMES=(mini1 mini2 mini3)
PORTS=()
port=17000
for name in "${NAMES[@]}"; do
    port=$(free_port "$port")
    PORTS+=("$port")
    # shellcheck disable=SC2086  # JAVA_OPTS is a word list on purpose
    java ${JAVA_OPTS} -jar "$JAR" --port "$port" >"$TMP/$name.log" 2>&1 &
    PIDS+=($!)
    ((port++))
done
PROXY_PORT=$(free_port "$port")
STATS_PORT=$(free_port $((PROXY_PORT + 1)))

# One server pool. Each server line is host:port:weight name. Ketama places every server on a hash ring by its *name*,
# so the key -> server mapping stays the same when an instance moves to another port; fnv1a_64 hashes the keys.
# redis: true makes the proxy speak RESP (the default is memcached's protocol).
cat >"$TMP/nutcracker.yml" <<EOF
minis:
  listen: 127.0.0.1:$PROXY_PORT
  hash: fnv1a_64
  distribution: ketama
  redis: true
  auto_eject_hosts: false
  timeout: 2000
  server_connections: 1
  servers:
    - 127.0.0.1:${PORTS[0]}:1 ${NAMES[0]}
    - 127.0.0.1:${PORTS[1]}:1 ${NAMES[1]}
    - 127.0.0.1:${PORTS[2]}:1 ${NAMES[2]}
EOF
nutcracker --test-conf -c "$TMP/nutcracker.yml" >"$TMP/conf-test.out" 2>&1 \
    || { cat "$TMP/conf-test.out" >&2; die "nutcracker rejected the generated config"; }

for i in 0 1 2; do
    wait_for_ping "${NAMES[$i]}" "${PORTS[$i]}" "${PIDS[$i]}" "$TMP/${NAMES[$i]}.log"
done
nutcracker -c "$TMP/nutcracker.yml" -o "$TMP/nutcracker.log" -s "$STATS_PORT" -a 127.0.0.1 >"$TMP/nutcracker.out" 2>&1 &
PIDS+=($!)
wait_for_ping nutcracker "$PROXY_PORT" "${PIDS[3]}" "$TMP/nutcracker.log"

echo "mini-redis instances: ${NAMES[0]}=127.0.0.1:${PORTS[0]} ${NAMES[1]}=127.0.0.1:${PORTS[1]}" \
     "${NAMES[2]}=127.0.0.1:${PORTS[2]}"
echo "twemproxy (nutcracker) on 127.0.0.1:$PROXY_PORT: distribution=ketama hash=fnv1a_64"

# ---------------------------------------------------------------- checks ---

key_name() {  # key_name <n>: the n-th key
    # shellcheck disable=SC2059  # the format is the point
    printf "$KEY_FORMAT" "$1"
}
declare -A NUMBER_OF   # key name -> its number n; its value is value:n
for ((i = 1; i <= KEYS_TO_WRITE; i++)); do NUMBER_OF[$(key_name "$i")]=$i; done
((${#NUMBER_OF[@]} == KEYS_TO_WRITE)) || die "KEY_FORMAT '$KEY_FORMAT' does not give $KEYS_TO_WRITE distinct names"

# 1. Write the keys through the proxy. redis-cli reads one command per line from a pipe and prints one reply per line.
written=$(for ((i = 1; i <= KEYS_TO_WRITE; i++)); do echo "SET $(key_name "$i") value:$i"; done \
              | redis-cli -p "$PROXY_PORT" | grep -c '^OK$' || true)
echo "wrote $KEYS_TO_WRITE keys ($(key_name 1) ... $(key_name "$KEYS_TO_WRITE")) through the proxy: $written OK replies"
((written == KEYS_TO_WRITE)) || fail "expected $KEYS_TO_WRITE OK replies, got $written"

# 2. Where did they land? Ask every instance directly.
total=0
for i in 0 1 2; do
    n=$(redis-cli -p "${PORTS[$i]}" dbsize)
    [[ $n =~ ^[0-9]+$ ]] || fail "DBSIZE on ${NAMES[$i]} answered '$n'"
    printf '  %s (port %s): DBSIZE %d\n' "${NAMES[$i]}" "${PORTS[$i]}" "$n"
    ((n > 0)) || fail "${NAMES[$i]} holds no keys: the proxy did not spread them"
    total=$((total + n))
done
((total == KEYS_TO_WRITE)) || fail "the instances hold $total keys together, expected $KEYS_TO_WRITE"
echo "together: $total keys, each on exactly one instance"

# 3. One MGET through the proxy, over keys that live on different instances: the proxy splits it into one MGET per
#    instance and puts the replies back together in the order of the keys.
mget_keys=()
expected=""
for ((i = 1; i <= 10; i++)); do
    mget_keys+=("$(key_name "$i")")
    expected+="value:$i"$'\n'
done
got=$(redis-cli -p "$PROXY_PORT" mget "${mget_keys[@]}")$'\n'
[[ $got == "$expected" ]] || fail "MGET ${mget_keys[*]} through the proxy answered:"$'\n'"$got"
echo "MGET of ${#mget_keys[@]} keys through the proxy: every value correct, in order"
holders=0
for j in 0 1 2; do
    here=$(redis-cli -p "${PORTS[$j]}" exists "${mget_keys[@]}")
    echo "  ${NAMES[$j]} holds $here of them"
    ((here == 0)) || holders=$((holders + 1))
done
((holders >= 2)) || fail "the ten MGET keys all live on one instance, so the MGET did not cross instances"

# 4. Straight from each instance, bypassing the proxy: a key it holds reads back with the right value.
for j in 0 1 2; do
    key=$(redis-cli -p "${PORTS[$j]}" scan 0 count 1000 | sed -n 2p)   # line 1 is the next cursor
    [[ -n $key && -n ${NUMBER_OF[$key]:-} ]] || fail "${NAMES[$j]} returned '$key' from SCAN"
    value=$(redis-cli -p "${PORTS[$j]}" get "$key")
    [[ $value == "value:${NUMBER_OF[$key]}" ]] || fail "GET $key on ${NAMES[$j]} answered '$value'"
done
echo "GET straight from each instance returns its own keys"

echo "OK: $KEYS_TO_WRITE keys spread over 3 mini-redis instances behind twemproxy"
