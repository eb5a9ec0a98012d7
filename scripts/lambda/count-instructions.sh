#!/usr/bin/env bash
# Counts the instructions `bootstrap` runs for each warm invocation: from the event in hand to the response posted
# and the next invocation asked for, without the work left for after the response (what the warm p50 of
# scripts/bench-runtime.sh times, and the request for `next` around it). It runs the release binary under valgrind's
# callgrind through the benchmark's minimal Runtime API, `health` with its real API Gateway event (no store, as the
# benchmark runs it), in two processes WARM_INVOCATIONS invocations apart, and prints the difference per invocation,
# which leaves out the process's start and its first invocations. Unlike a time, the count hardly moves from run to
# run or machine to machine, so it shows what a change to the invocation's code costs or saves without alternating
# builds for minutes on a noisy machine; the targets are still met or missed on times (scripts/bench-runtime.sh).
#   bash scripts/lambda/count-instructions.sh                       builds first, as scripts/build-lambda.sh does
#   SKIP_BUILD=1 BOOTSTRAP=path/to/bootstrap bash scripts/lambda/count-instructions.sh   another unstripped build
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build-bench/lambda
event=Examples/events/health-apigateway.json
warmup=20
warm=${WARM_INVOCATIONS:-200}

command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
[ -n "${SKIP_BUILD:-}" ] || bash scripts/build-lambda.sh >/dev/null
mkdir -p "$out"
cc -O2 -o "$out/minimal-runtime-api" scripts/bench/minimal-runtime-api.c

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip --strip-debug -o "$work/bootstrap" "${BOOTSTRAP:-.build-bench/release/bootstrap}"
# Everything is collected; the after-response work (AfterResponseWork.runAll and all it calls) is then taken out of
# the total by its inclusive count. One task runs the worker's whole loop, so no synchronous frame holds one
# invocation alone to toggle the collection on (and callgrind's toggles lose track of async frames): hence the
# difference of two processes. valgrind runs as the wrapper's child, not in its place: the minimal server ends the
# wrapper with SIGKILL, and valgrind, left alone, sees the connection close, lets bootstrap exit and writes its output.
cat >"$work/runtime" <<SHELL
#!/usr/bin/env bash
valgrind --tool=callgrind --callgrind-out-file="\$CALLGRIND_OUT" "$work/bootstrap" "\$@" 2>/dev/null
SHELL
chmod +x "$work/runtime"

# The instructions a process that serves the cold invocation and `warmup + $1` more runs, but for its after-response
# work.
count() {
    local output="$work/callgrind.$1"
    CALLGRIND_OUT="$output" "$out/minimal-runtime-api" --event "$event" --cold 1 --warmup "$warmup" --warm "$1" \
        -- "$work/runtime" >/dev/null
    for _ in $(seq 1 100); do
        pgrep -f "$work/bootstrap" >/dev/null || break
        sleep 0.2
    done
    callgrind_annotate --inclusive=yes --threshold=100 "$output" 2>/dev/null | awk '
        / PROGRAM TOTALS/ { gsub(",", "", $1); total = $1 }
        /:\$s13LambdaRuntime17AfterResponseWorkC6runAllyyF / { gsub(",", "", $1); after = $1 }
        END {
            if (total == "" || after == "") exit 1
            print total - after
        }' || {
        echo "FAIL no count, or no after-response work in it: is AfterResponseWork.runAll still so named?" >&2
        exit 1
    }
}
few=$(count 1)
many=$(count "$((1 + warm))")
echo "bootstrap runs $(((many - few) / warm)) instructions for each warm invocation of health" \
    "($warm invocations, callgrind)"
