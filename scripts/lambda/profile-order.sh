#!/usr/bin/env bash
# Makes scripts/lambda/bootstrap.order, the layout that scripts/build-lambda.sh links `bootstrap` with: every function
# that the shipped binary runs, found by running it under valgrind's callgrind through the benchmark's minimal
# Runtime API (scripts/bench/minimal-runtime-api.c), most executed first. Two scenarios, each three cold starts and
# 200 warm invocations of `health` with a real API Gateway event:
#   1. no store configured (what scripts/bench-runtime.sh measures), and
#   2. the DynamoDB table on moto (as on Lambda: the AWS client, signing, HTTP, JSON protocol), with the Python that
#      STRATUS_PYTHON names (moto and boto3), else .venv/bin/python.
# A function missing from the list still runs; it is only laid out with the rest. Run it again when the code the
# function runs has changed much, then build with scripts/build-lambda.sh.
#   bash scripts/lambda/profile-order.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${STRATUS_PYTHON:-.venv/bin/python}
out=.build-bench/lambda
event=Examples/events/health-apigateway.json

command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
bash scripts/build-lambda.sh >/dev/null
cc -O2 -o "$out/minimal-runtime-api" scripts/bench/minimal-runtime-api.c

work=$(mktemp -d)
moto=""
cleanup() {
    [ -z "$moto" ] || { kill -KILL "$moto" 2>/dev/null || true; wait "$moto" 2>/dev/null || true; }
    rm -rf "$work"
}
trap cleanup EXIT

# valgrind 3.19 cannot read the DWARF that Swift's clang writes: it gets the binary with its symbols only.
strip --strip-debug -o "$work/bootstrap" .build-bench/release/bootstrap
# The runtime runs as a child of this wrapper: the minimal server ends it with SIGKILL, which would lose callgrind's
# output; orphaned, it exits at the closed connection and writes it.
cat >"$work/runtime" <<SHELL
#!/bin/sh
valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/callgrind.%p" "$work/bootstrap" "\$@" 2>/dev/null
SHELL
chmod +x "$work/runtime"
profile() { "$out/minimal-runtime-api" --event "$event" --cold 3 --warm 200 -- "$work/runtime" >/dev/null; }

profile

port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$python" scripts/moto_server.py -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 \
    AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing STRATUS_TABLE_NAME=stratus-order
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_ENDPOINT_URL_DYNAMODB
"$python" scripts/bench/aws_getitem.py prepare --partition-key HEALTH --sort-key CHECK
profile

# The last callgrind writes its output once the orphaned runtime notices the closed connection.
for _ in $(seq 1 100); do
    pgrep -f "$work/bootstrap" >/dev/null || break
    sleep 0.2
done
python3 scripts/lambda/order_file.py "$work"/callgrind.* >scripts/lambda/bootstrap.order
echo "scripts/lambda/bootstrap.order: $(wc -l <scripts/lambda/bootstrap.order) functions"
