"""Reads package-benchmark's text tables on stdin and prints the figures the toolkit promises.

- Store: each "<operation>: store" benchmark's p50 throughput as a ratio of "<operation>: raw SQLite" (same run).
- Router: p50 wall-clock time per request of the router minus the bare handler's.
"""
import sys

from tables import p50_figures

throughput, wall_us = p50_figures(sys.stdin)

failed = False
for store_name in sorted(n for n in throughput if n.endswith(": store")):
    operation = store_name[: -len(": store")]
    raw_name = f"{operation}: raw SQLite"
    if raw_name not in throughput:
        print(f"{operation:<22} store {throughput[store_name]:>9,.0f}/s  (no raw counterpart)")
        continue
    ratio = throughput[store_name] / throughput[raw_name]
    verdict = "ok" if ratio >= 0.5 else "BELOW 0.5"
    failed |= ratio < 0.5
    print(f"{operation:<22} store {throughput[store_name]:>9,.0f}/s  raw SQLite {throughput[raw_name]:>9,.0f}/s  "
          f"ratio {ratio:.2f}  {verdict}")

bare = wall_us.get("Bare handler (baseline)")
for router_name in (n for n in wall_us if n.startswith("Router")):
    if bare is None:
        break
    added = wall_us[router_name] - bare
    verdict = "ok" if added < 20 else "OVER 20 µs"
    failed |= added >= 20
    print(f"{router_name}: {wall_us[router_name]:.2f} µs p50, bare handler {bare:.3f} µs, "
          f"added {added:.2f} µs  {verdict}")

sys.exit(1 if failed else 0)
