#!/usr/bin/env bash
# GetItem round trips per second against one moto server in one run (issue 17 §5): through Stratus's DynamoDB store
# (`stratus bench dynamodb`: SigV4, the credential chain, one kept-alive connection) and through boto3 (one client,
# its connection reused), one call after the other in both, then their ratio. The clients take turns, ROUNDS times
# (default 3) for SECONDS_TO_RUN each (default 5), so that a change in the machine's load falls on both; the rates
# are over all rounds. Moto is stopped by its process id.
# Uses the release build of scripts/build-stratus.sh (built first unless SKIP_BUILD is set) or the binary STRATUS_BIN
# names, and the Python with moto and boto3 that STRATUS_PYTHON names, else .venv/bin/python. SMOKE=1 makes it one
# round of one second.
# The CI smoke run of the same script (debug build) is Tests/StratusCLITests/AWSBenchSmokeTests.
#   bash scripts/bench-aws.sh
#   SECONDS_TO_RUN=30 bash scripts/bench-aws.sh
set -euo pipefail
cd "$(dirname "$0")/.."
python=${STRATUS_PYTHON:-.venv/bin/python}
binary=${STRATUS_BIN:-}
if [ -z "$binary" ]; then
    [ -n "${SKIP_BUILD:-}" ] || bash scripts/build-stratus.sh >/dev/null
    binary=.build-stratus/release/stratus
fi
rounds=${ROUNDS:-3}
seconds=${SECONDS_TO_RUN:-5}
[ -z "${SMOKE:-}" ] || { rounds=1; seconds=1; }
port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$python" scripts/moto_server.py -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
# moto's server lingers after SIGTERM, hence SIGKILL; under `set -e` a failing command in the trap would replace the
# benchmark's exit status, so neither the kill nor the wait may fail it.
trap 'kill -KILL "$moto" 2>/dev/null || true; wait "$moto" 2>/dev/null || true' EXIT
# Both clients read the variables a function on AWS has, here moto's endpoint and dummy credentials (which come before
# any profile in both credential chains); boto3 reads the region from AWS_DEFAULT_REGION.
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 \
    AWS_ACCESS_KEY_ID=testing \
    AWS_SECRET_ACCESS_KEY=testing STRATUS_TABLE_NAME=stratus-bench
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_ENDPOINT_URL_DYNAMODB
key=(--partition-key "ORDER#o-1" --sort-key ORDER)
"$python" scripts/bench/aws_getitem.py prepare "${key[@]}"
lines=()
for round in $(seq 1 "$rounds"); do
    lines+=("$("$binary" bench dynamodb "${key[@]}" --seconds "$seconds")")
    lines+=("$("$python" scripts/bench/aws_getitem.py measure "${key[@]}" --seconds "$seconds")")
    printf 'round %d: %s\n         %s\n' "$round" "${lines[-2]}" "${lines[-1]}"
done
# Each line reads "<client> ... GetItem: <n> round trips in <s> s: <rate>/s".
printf '%s\n' "${lines[@]}" | awk '
    { client = ($1 == "stratus") ? "stratus" : "boto3"; trips[client] += $(NF - 6); time[client] += $(NF - 2) }
    END {
        if (trips["boto3"] == 0 || trips["stratus"] == 0) { print "a client made no round trip"; exit 1 }
        stratus = trips["stratus"] / time["stratus"]; boto3 = trips["boto3"] / time["boto3"]
        printf "stratus %.1f/s, boto3 %.1f/s over %d rounds: ratio stratus/boto3 %.2f (same moto, same run)\n", \
            stratus, boto3, NR / 2, stratus / boto3
    }'
