"""Reads `wrk --latency` output on stdin and prints "requests/s p50 p99", latencies in milliseconds."""
import re
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
text = sys.stdin.read()
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors:
    sys.exit(f"wrk saw {errors.group(1)} error responses:\n{text}")
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def percentile(name):
    value, unit = re.search(rf"^\s+{name}%\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE).groups()
    return float(value) * UNITS[unit]
print(rate, percentile("50"), percentile("99"))
