"""Reads package-benchmark's text tables on stdin and prints the figures the observability issue promises.

- Stack: p50 wall-clock time per invocation of "Observed stack: unsampled trace" minus "Bare handler (baseline)".
- Logger: p50 throughput of "Logger: Powertools JSON" as a ratio of "Logger: swift-log StreamLogHandler (baseline)".
"""
import sys

from tables import p50_figures

throughput, wall_us = p50_figures(sys.stdin)

failed = False
bare = wall_us.get("Bare handler (baseline)")
stack = wall_us.get("Observed stack: unsampled trace")
sampled = wall_us.get("Observed stack: sampled trace (informative)")
if bare is None or stack is None:
    print("missing the stack or bare handler figures")
    sys.exit(1)
added = stack - bare
# Issue 14 tightened the target from 20 to 10 µs per unsampled invocation.
TARGET_US = 10
verdict = "met" if added <= TARGET_US else "MISSED"
failed |= added > TARGET_US
print(f"{verdict:<7} observability stack adds {added:.2f} µs per invocation at p50 (stack {stack:.2f} µs, bare {bare:.3f} µs; ≤ {TARGET_US} µs)")
if sampled is not None:
    print(f"        sampled invocations (segment sent over UDP) add {sampled - bare:.2f} µs")

powertools = throughput.get("Logger: Powertools JSON")
stream = throughput.get("Logger: swift-log StreamLogHandler (baseline)")
if powertools is None or stream is None:
    print("missing the logger figures")
    sys.exit(1)
ratio = powertools / stream
verdict = "met" if ratio >= 1 else "MISSED"
failed |= ratio < 1
print(f"{verdict:<7} Powertools logger {powertools:,.0f} lines/s, StreamLogHandler {stream:,.0f} lines/s: ratio {ratio:.2f} (≥ 1)")
sys.exit(1 if failed else 0)
