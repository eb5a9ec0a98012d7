"""Prints the gateway benchmark's table from the per-round samples `bench-gateway.sh` collected.

Each file in the directory given holds one "requests/s p50 p99" line per round. The table shows each series'
median round (by requests/s), the ratios compare the medians, and the per-round ratios show the spread.
"""
import statistics
import sys
from pathlib import Path

TARGETS = {"get": 0.35, "post": 0.10}
LABELS = {"get": "GET /orders/{id}", "post": "POST /orders"}

work = Path(sys.argv[1])


def samples(name):
    return [tuple(map(float, line.split())) for line in (work / name).read_text().splitlines() if line.strip()]


def median_round(rows):
    ordered = sorted(rows)
    return ordered[(len(ordered) - 1) // 2]


print(f"{'':28}{'requests/s':>12}{'p50 ms':>9}{'p99 ms':>9}   (median of {len(samples('bare-get'))} rounds)")
verdicts = []
for kind in ("get", "post"):
    bare, gateway = samples(f"bare-{kind}"), samples(f"gateway-{kind}")
    for label, rows in (("bare", bare), ("gateway", gateway)):
        rate, p50, p99 = median_round(rows)
        print(f"{label + ' ' + LABELS[kind]:28}{rate:>12,.0f}{p50:>9.2f}{p99:>9.2f}")
    ratio = statistics.median(row[0] for row in gateway) / statistics.median(row[0] for row in bare)
    rounds = ", ".join(f"{g[0] / b[0]:.1%}" for b, g in zip(bare, gateway))
    verdict = "met" if ratio >= TARGETS[kind] else "MISSED"
    verdicts.append(f"{verdict:8}{LABELS[kind]} ≥ {TARGETS[kind]:.0%} of the bare route ({ratio:.1%}; rounds: {rounds})")
send, bare_post = samples("gateway-send"), samples("bare-post")
rate, p50, p99 = median_round(send)
print(f"{'SQS SendMessage via /_aws':28}{rate:>12,.0f}{p50:>9.2f}{p99:>9.2f}")
print("\n".join(verdicts))
ratio = statistics.median(row[0] for row in send) / statistics.median(row[0] for row in bare_post)
print(f"{'':8}SQS SendMessage via /_aws at {ratio:.0%} of the bare route's POST (no target)")
drain = work / "post-drain-ms"
if drain.exists():
    seconds = [int(line) / 1000 for line in drain.read_text().split()]
    print(
        f"{'':8}POST bursts' events all handled {statistics.median(seconds):.1f} s after the burst (median; rounds: "
        + ", ".join(f"{s:.1f} s" for s in seconds)
        + "): the relay holds them back while the gateway is saturated"
    )
