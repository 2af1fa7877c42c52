#!/usr/bin/env bash
# Real Node.js client libraries (ioredis, node-redis) against a running server, with their default options.
#
# Usage:
#   bench/clients/node-clients.sh PORT [HOST]   test the server on HOST:PORT (HOST defaults to 127.0.0.1);
#                                               point it at mini-redis or at a real redis-server alike
#   bench/clients/node-clients.sh --both        start redis-server and a copy of the built jar on free ports
#                                               (bench/lib.sh), test both, stop both
#
# Environment:
#   IOREDIS_VERSION, REDIS_VERSION  npm version specs to install (default: latest)
#   EXTRA=1                         also run both clients forced to RESP2 (non-default)
#   CLIENTS_DIR                     reuse this directory for the npm install instead of a fresh temporary one
#                                   (kept afterwards; it is reinstalled only if the versions asked for change)
#
# It creates a temporary directory, runs `npm install ioredis redis` there (needs npm and the npm registry),
# copies node-clients.js next to them and runs it: one PASS/FAIL line per check, then "N passed, N failed".
# Exit status 0 if every check passed against every server tested, 1 otherwise, 2 on bad usage.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
IOREDIS_VERSION=${IOREDIS_VERSION:-latest}
REDIS_VERSION=${REDIS_VERSION:-latest}

usage() {
    sed -n '4,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

(($# >= 1)) || usage
MODE=$1
if [[ $MODE != --both ]]; then
    [[ $MODE =~ ^[1-9][0-9]*$ ]] || usage
    HOST=${2:-127.0.0.1}
fi

for tool in node npm; do
    command -v "$tool" >/dev/null || { echo "$(basename "$0"): $tool not found on PATH" >&2; exit 1; }
done

NPM_DIR=${CLIENTS_DIR:-}
OWN_TMP=""
if [[ -z $NPM_DIR ]]; then
    OWN_TMP=$(mktemp -d "${TMPDIR:-/tmp}/mini-redis-node-clients.XXXXXX")
    NPM_DIR=$OWN_TMP
fi

ROOT=$(cd "$HERE/../.." && pwd)
if [[ $MODE == --both ]]; then
    # shellcheck source=bench/lib.sh
    . "$ROOT/bench/lib.sh"
    require_jar
    require_tools redis-server redis-cli java
    bench_init   # $TMP and the EXIT/INT/TERM traps that stop both servers
    # Run a copy of the jar, so that a rebuild while the tests run changes nothing under the server.
    cp "$JAR" "$TMP/mini-redis-server.jar"
    JAR="$TMP/mini-redis-server.jar"
    trap 'cleanup; [[ -z $OWN_TMP ]] || rm -rf "$OWN_TMP"' EXIT
else
    trap '[[ -z $OWN_TMP ]] || rm -rf "$OWN_TMP"' EXIT
fi

# ------------------------------------------------------------------ install ---
WANT="ioredis@$IOREDIS_VERSION redis@$REDIS_VERSION"
if [[ ! -f $NPM_DIR/node_modules/.mini-redis-want ]] || [[ $(cat "$NPM_DIR/node_modules/.mini-redis-want") != "$WANT" ]]; then
    mkdir -p "$NPM_DIR"
    (
        cd "$NPM_DIR"
        [[ -f package.json ]] || echo '{"name":"mini-redis-node-clients","private":true}' >package.json
        # shellcheck disable=SC2086  # WANT is a word list on purpose
        npm install --no-audit --no-fund --loglevel=error $WANT >npm-install.log 2>&1 \
            || { cat npm-install.log >&2; echo "npm install failed" >&2; exit 1; }
    )
    echo "$WANT" >"$NPM_DIR/node_modules/.mini-redis-want"
fi
cp "$HERE/node-clients.js" "$NPM_DIR/node-clients.js"
echo "node $(node --version), ioredis $(cd "$NPM_DIR" && node -p 'require("ioredis/package.json").version'), redis (node-redis) $(cd "$NPM_DIR" && node -p 'require("redis/package.json").version'), @redis/client $(cd "$NPM_DIR" && node -p 'require("@redis/client/package.json").version')"

run_against() {  # run_against <name> <port> <host>
    echo "=== $1 on $3:$2"
    (cd "$NPM_DIR" && node node-clients.js "$2" "$3")
}

if [[ $MODE == --both ]]; then
    start_servers
    echo "$MACHINE"
    status=0
    run_against redis-server "$REDIS_PORT" 127.0.0.1 || status=1
    run_against mini-redis "$OURS_PORT" 127.0.0.1 || status=1
    ((status == 0)) && echo "both servers: all checks passed" || echo "some checks FAILED"
    exit "$status"
else
    run_against server "$MODE" "$HOST"
fi
