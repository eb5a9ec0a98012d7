"""Reads package-benchmark's text tables: each benchmark's p50 throughput (per second) and wall-clock time (µs)."""
import re

UNITS = {"#": 1, "K": 1_000, "M": 1_000_000}
TIME_UNITS = {"ns": 1e-3, "μs": 1, "us": 1, "ms": 1_000, "s": 1_000_000}


def p50_figures(lines):
    """Returns (throughput, wall_us): dictionaries from benchmark name to its p50 figure."""
    name = None
    throughput = {}
    wall_us = {}
    for line in lines:
        line = line.rstrip("\n")
        if line and not line.startswith(("│", "╒", "╞", "├", "╘", " ")) and "warning" not in line:
            name = line.strip()
            continue
        cells = [cell.strip() for cell in line.split("│")]
        if name is None or len(cells) < 5:
            continue
        metric, p50 = cells[1], cells[4]
        if match := re.match(r"Throughput \(# / s\) \((#|K|M)\)", metric):
            throughput[name] = float(p50) * UNITS[match.group(1)]
        elif match := re.match(r"Time \(wall clock\) \((ns|μs|us|ms|s)\)", metric):
            wall_us[name] = float(p50) * TIME_UNITS[match.group(1)]
    return throughput, wall_us
