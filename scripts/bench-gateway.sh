#!/usr/bin/env bash
# Measures the local API gateway with load from a second process (wrk): requests/s and latency p50/p99 for
# GET /orders/{id} and POST /orders with valid tokens through `stratus serve`, each against a bare Hummingbird route
# answering a constant JSON body (`stratus bench bare-http`) in the same run; and, with no target, SQS SendMessage
# through the server's /_aws endpoint (a 200-byte message to one queue, the load of SDK clients sending at once)
# against the bare route's POST. Release build (scripts/build-stratus.sh). The measurements alternate (bare, gateway,
# bare, gateway, ...) for several rounds and the report takes each series' median, so a slow moment of a shared
# machine moves one sample, not the ratio; each starts once the gateway is idle, so none shares the machine with the
# work an earlier one left.
#   bash scripts/bench-gateway.sh                 3 rounds of 10 s per measurement, 2 threads, 16 connections
#   ROUNDS=5 DURATION=5s CONNECTIONS=8 IDLE_WAIT=30 WARMUP=5s bash scripts/bench-gateway.sh
#   STRATUS=path/to/stratus SKIP_BUILD=1 bash scripts/bench-gateway.sh   measures another build (an earlier commit's)
#   PROFILE=dir bash scripts/bench-gateway.sh     also records the gateway with `perf record -g` during one more GET
#                                                 and one more POST run, into dir/get.perf and dir/post.perf
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
connections=${CONNECTIONS:-16}
rounds=${ROUNDS:-3}
warmup=${WARMUP:-3s}
# The settings are checked before anything is built or started: wrk answers a malformed one with its usage text only.
# require NAME VALUE PATTERN WHAT stops the script, naming the setting, when VALUE does not match PATTERN.
require() { [[ $2 =~ $3 ]] || { echo "bench-gateway.sh: $1 must be $4, not '$2'" >&2; exit 2; }; }
require DURATION "$duration" '^[1-9][0-9]*[smh]?$' 'a time such as 10s'
require WARMUP "$warmup" '^(0|[1-9][0-9]*[smh]?)$' 'a time such as 3s, or 0'
require CONNECTIONS "$connections" '^[1-9][0-9]*$' 'a positive count'
require ROUNDS "$rounds" '^[1-9][0-9]*$' 'a positive count'

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -n "${SKIP_BUILD:-}" ] || bash scripts/build-stratus.sh >/dev/null
stratus=${STRATUS:-.build-stratus/release/stratus}

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Starts a server in the background and sets `started` to the base URL it announces. Not called in a command
# substitution: that would be a subshell, and the trap would never learn the server's process id.
start() {
    local log="$work/$1.log"
    shift
    "$@" >"$log" 2>/dev/null &
    pids+=("$!")
    for _ in $(seq 1 100); do
        if grep -qo 'http://127\.0\.0\.1:[0-9]*' "$log"; then started=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1); return; fi
        sleep 0.1
    done
    echo "server did not start: $*" >&2
    exit 1
}

start bare "$stratus" bench bare-http --port 0
bare=$started
start gateway "$stratus" serve --port 0 --xray-port 0 --data-dir "$work/data" ${SERVE_ARGS:-}
gateway=$started
gateway_pid=${pids[-1]}
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
# The endpoint checks a signature's shape, not its value (any credentials do): one signed-looking request is replayed.
aws_headers=(-H 'content-type: application/x-amz-json-1.0' -H "x-amz-date: $(date -u +%Y%m%dT%H%M%SZ)"
    -H "authorization: AWS4-HMAC-SHA256 Credential=bench/$(date -u +%Y%m%d)/us-east-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=$(printf '0%.0s' $(seq 64))")
queue_url=$(curl -sf -X POST "$gateway/_aws" "${aws_headers[@]}" -H 'x-amz-target: AmazonSQS.CreateQueue' \
    -d '{"QueueName":"bench"}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["QueueUrl"])')
message=$(python3 -c 'import json, sys; print(json.dumps({"QueueUrl": sys.argv[1], "MessageBody": "m" * 200}))' "$queue_url")
{
    echo 'wrk.method = "POST"'
    echo "wrk.body = '$message'"
    for header in "${aws_headers[@]}" -H 'x-amz-target: AmazonSQS.SendMessage'; do
        [ "$header" = -H ] || echo "wrk.headers[\"${header%%: *}\"] = \"${header#*: }\""
    done
} >"$work/send.lua"
curl -sf -X POST "$gateway/_aws" "${aws_headers[@]}" -H 'x-amz-target: AmazonSQS.SendMessage' -d "$message" >/dev/null

cat >"$work/get.lua" <<LUA
wrk.headers["authorization"] = "Bearer $token"
LUA

# Waits until the gateway is idle (at most 2 clock ticks of CPU in half a second, 4 % of a core; IDLE_WAIT seconds at
# most, 60 by default), so that a measurement does not share the machine with the work an earlier one left behind:
# every POST /orders sets off its order's events through the bus, the queues and their functions, which the server
# finishes after wrk stops.
settle() {
    local ticks previous
    previous=$(awk '{print $14 + $15}' "/proc/$gateway_pid/stat")
    for _ in $(seq 1 $((2 * ${IDLE_WAIT:-60}))); do
        sleep 0.5
        ticks=$(awk '{print $14 + $15}' "/proc/$gateway_pid/stat")
        [ $((ticks - previous)) -le 2 ] && return
        previous=$ticks
    done
    echo "the gateway was still busy after ${IDLE_WAIT:-60} s; measuring anyway" >&2
}

# Runs wrk once the gateway is idle and prints "requests/s p50 p99" (latencies in ms).
measure() {
    settle
    wrk --latency -t2 -c"$connections" -d"$duration" "$@" | python3 scripts/bench/wrk_summary.py
}

# The series in the order a round measures them: the file their samples go to, then wrk's arguments (no word of which
# holds a space: the paths come from mktemp and the servers' announced URLs).
series=(
    "bare-get $bare/orders/$order_id"
    "gateway-get -s $work/get.lua $gateway/orders/$order_id"
    "bare-post -s $work/post.lua $bare/orders"
    "gateway-post -s $work/post.lua $gateway/orders"
    "gateway-send -s $work/send.lua $gateway/_aws"
)

echo "Gateway benchmark: wrk -t2 -c$connections -d$duration, $rounds rounds alternating bare and gateway, release build"
# Every series first runs once for WARMUP (3 s by default; 0 skips it), untimed: a fresh server's first seconds (its
# caches, its allocator's arenas, the function instances' first invocations) would otherwise weigh on the first round
# alone.
if [ "$warmup" != 0 ]; then
    for entry in "${series[@]}"; do
        read -r -a words <<<"$entry"
        settle
        wrk -t2 -c"$connections" -d"$warmup" "${words[@]:1}" >/dev/null
    done
fi
for round in $(seq 1 "$rounds"); do
    for entry in "${series[@]}"; do
        read -r -a words <<<"$entry"
        measure "${words[@]:1}" >>"$work/${words[0]}"
        # How long the server works on after a POST burst: the events the orders set off, which the outbox relay held
        # back while the gateway was saturated (--max-event-deferral), go through the bus, the queues and the
        # functions once it is over.
        if [ "${words[0]}" = gateway-post ]; then
            burst_end=$(date +%s%N)
            settle
            echo "$(( ($(date +%s%N) - burst_end) / 1000000 ))" >>"$work/post-drain-ms"
        fi
    done
done

python3 scripts/bench/gateway_report.py "$work"

if [ -n "${PROFILE:-}" ]; then
    mkdir -p "$PROFILE"
    for kind in get post; do
        perf record -g -o "$PROFILE/$kind.perf" -p "$gateway_pid" 2>/dev/null &
        recorder=$!
        measure -s "$work/$kind.lua" "$gateway/orders$([ "$kind" = get ] && echo "/$order_id")" >"$PROFILE/$kind.wrk"
        kill -INT "$recorder"
        wait "$recorder" || true
    done
    echo "profiles of the gateway under load: $PROFILE/get.perf, $PROFILE/post.perf"
fi
