"""Reads package-benchmark's text tables on stdin and prints the figure the event-pattern issue promises.

- Rule index: p50 wall-clock time to find the rules, among 1,000, that one event matches (≤ 10 µs), and how many
  times faster that is than trying each pattern in turn ("... (baseline)", same run).
"""
import sys

from tables import p50_figures

_, wall_us = p50_figures(sys.stdin)

index = wall_us.get("Rule index: 1,000 rules, one event")
baseline = wall_us.get("Each pattern in turn: 1,000 rules, one event (baseline)")
if index is None or baseline is None:
    print("missing the rule index or baseline figures")
    sys.exit(1)
verdict = "met" if index <= 10 else "MISSED"
print(f"{verdict:<7} 1,000 rules against one event: {index:.2f} µs at p50 (≤ 10 µs); "
      f"each pattern in turn {baseline:.2f} µs, {baseline / index:.1f} times slower")
sys.exit(0 if index <= 10 else 1)
