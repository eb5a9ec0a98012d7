#!/usr/bin/env bash
# Measures the local API gateway with load from a second process (wrk): requests/s and latency p50/p99 for
# GET /orders/{id} and POST /orders with valid tokens through `stratus serve`, each against a bare Hummingbird route
# answering a constant JSON body (`stratus bench bare-http`) in the same run. Release build.
#   bash scripts/bench-gateway.sh                 10 s per measurement, 2 threads, 16 connections
#   DURATION=5s CONNECTIONS=8 bash scripts/bench-gateway.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-bench
duration=${DURATION:-10s}
connections=${CONNECTIONS:-16}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$scratch" --product stratus
stratus="$scratch/release/stratus"

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Starts a server in the background and prints the base URL it announces.
start() {
    local log="$work/$1.log"
    shift
    "$@" >"$log" 2>/dev/null &
    pids+=("$!")
    for _ in $(seq 1 100); do
        if grep -qo 'http://127\.0\.0\.1:[0-9]*' "$log"; then grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1; return; fi
        sleep 0.1
    done
    echo "server did not start: $*" >&2
    exit 1
}

bare=$(start bare "$stratus" bench bare-http --port 0)
gateway=$(start gateway "$stratus" serve --port 0 --data-dir "$work/data")
token=$("$stratus" token --sub bench-user --data-dir "$work/data")
body='{"items":[{"sku":"A-1","quantity":2,"unitPrice":1999},{"sku":"B-2","quantity":1,"unitPrice":4500}],"currency":"EUR"}'
order_id=$(curl -sf -X POST "$gateway/orders" -H "authorization: Bearer $token" -H 'content-type: application/json' -d "$body" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["orderId"])')

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["content-type"] = "application/json"
wrk.headers["authorization"] = "Bearer $token"
LUA
cat >"$work/get.lua" <<LUA
wrk.headers["authorization"] = "Bearer $token"
LUA

# Runs wrk and prints "requests/s p50 p99" (latencies in ms).
measure() {
    wrk --latency -t2 -c"$connections" -d"$duration" "$@" | python3 scripts/bench/wrk_summary.py
}

echo "Gateway benchmark: wrk -t2 -c$connections -d$duration, one run each, release build"
read -r bare_get bare_get_p50 bare_get_p99 < <(measure "$bare/orders/$order_id")
read -r gw_get gw_get_p50 gw_get_p99 < <(measure -s "$work/get.lua" "$gateway/orders/$order_id")
read -r bare_post bare_post_p50 bare_post_p99 < <(measure -s "$work/post.lua" "$bare/orders")
read -r gw_post gw_post_p50 gw_post_p99 < <(measure -s "$work/post.lua" "$gateway/orders")

python3 - "$bare_get" "$gw_get" "$bare_post" "$gw_post" \
    "$bare_get_p50" "$bare_get_p99" "$gw_get_p50" "$gw_get_p99" \
    "$bare_post_p50" "$bare_post_p99" "$gw_post_p50" "$gw_post_p99" <<'PY'
import sys
(bare_get, gw_get, bare_post, gw_post, bgp50, bgp99, ggp50, ggp99, bpp50, bpp99, gpp50, gpp99) = map(float, sys.argv[1:])
print(f"{'':28}{'requests/s':>12}{'p50 ms':>9}{'p99 ms':>9}")
print(f"{'bare GET /orders/{id}':28}{bare_get:>12,.0f}{bgp50:>9.2f}{bgp99:>9.2f}")
print(f"{'gateway GET /orders/{id}':28}{gw_get:>12,.0f}{ggp50:>9.2f}{ggp99:>9.2f}")
print(f"{'bare POST /orders':28}{bare_post:>12,.0f}{bpp50:>9.2f}{bpp99:>9.2f}")
print(f"{'gateway POST /orders':28}{gw_post:>12,.0f}{gpp50:>9.2f}{gpp99:>9.2f}")
get_ratio, post_ratio = gw_get / bare_get, gw_post / bare_post
print(f"{'met' if get_ratio >= 0.35 else 'MISSED':8}GET /orders/{{id}} ≥ 35% of the bare route ({get_ratio:.0%})")
print(f"{'met' if post_ratio >= 0.10 else 'MISSED':8}POST /orders ≥ 10% of the bare route ({post_ratio:.0%})")
PY
