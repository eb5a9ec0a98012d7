#!/usr/bin/env bash
# Counts the instructions `bootstrap` runs inside a warm invocation's window: from the event in hand to the response
# posted (`InvocationWorker.serve` without the work left for after the response), what the warm p50 of
# scripts/bench-runtime.sh times. It runs the release binary under valgrind's callgrind through the benchmark's minimal
# Runtime API, `health` with its real API Gateway event (no store, as the benchmark runs it), and prints the count per
# invocation. Unlike a time, the count hardly moves from run to run or machine to machine, so it shows what a change
# to the invocation's code costs or saves without alternating builds for minutes on a noisy machine; the targets are
# still met or missed on times (scripts/bench-runtime.sh).
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
# Collection starts when serve is entered and stops when it returns, and stops again while the after-response work
# runs inside it. The private discriminator in serve's symbol is matched by a wildcard. valgrind runs as the wrapper's
# child, not in its place: the minimal server ends the wrapper with SIGKILL, and valgrind, left alone, sees the
# connection close, lets bootstrap exit and writes its output.
cat >"$work/runtime" <<SHELL
#!/usr/bin/env bash
valgrind --tool=callgrind --collect-atstart=no \
    '--toggle-collect=\$s13LambdaRuntime16InvocationWorkerC5serve33_*LL_4withSbAA0C0V_AA0B9APIClientVtAA0aB5ErrorVYKF' \
    '--toggle-collect=\$s13LambdaRuntime17AfterResponseWorkC6runAllyyF' \
    --callgrind-out-file="$work/callgrind.%p" "$work/bootstrap" "\$@" 2>/dev/null
SHELL
chmod +x "$work/runtime"
"$out/minimal-runtime-api" --event "$event" --cold 1 --warmup "$warmup" --warm "$warm" -- "$work/runtime" >/dev/null
for _ in $(seq 1 100); do
    pgrep -f "$work/bootstrap" >/dev/null || break
    sleep 0.2
done
# The warm process wrote the largest output; its total is what was collected.
largest=$(ls -S "$work"/callgrind.* | head -1)
total=$(awk -F'[: ]+' '/^(summary|totals):/ { print $2; exit }' "$largest")
if [ -z "$total" ] || [ "$total" -eq 0 ]; then
    echo "FAIL nothing was counted: InvocationWorker.serve or AfterResponseWork.runAll is no longer named as" \
        "this script expects" >&2
    exit 1
fi
echo "bootstrap runs $((total / (warmup + warm))) instructions inside each warm invocation of health" \
    "($((warmup + warm)) invocations, callgrind)"
