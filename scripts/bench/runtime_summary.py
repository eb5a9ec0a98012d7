"""Turns the minimal Runtime API's figures (and the emulator's) into the runtime benchmark's table, ratios and targets.

Each runtime's figures come once per round (the rounds alternate the runtimes); the table shows each figure's median
over the rounds (the peak RSS: the largest), the ratios compare those medians, and each round's own ratios follow.
"""
import argparse
import statistics


def figures(line):
    return {key: float(value) for key, value in (pair.split("=") for pair in line.split())}


def combined(lines):
    """The median of each figure over the rounds, and the largest peak RSS."""
    rounds = [figures(line) for line in lines]
    row = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    row["peak_rss_bytes"] = max(r["peak_rss_bytes"] for r in rounds)
    return row, rounds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cold", type=int, required=True, help="cold starts per round")
    parser.add_argument("--warm", type=int, required=True, help="warm invocations per round")
    parser.add_argument("--baseline", action="append", required=True,
                        help="the minimal server's line for the C runtime, once per round")
    parser.add_argument("--function", action="append", default=[],
                        help="the minimal server's line for bootstrap, once per round (none with SKIP_FUNCTION)")
    parser.add_argument("--zip-bytes", type=int)
    parser.add_argument("--emulator-warm-ms", action="append", default=[],
                        help="the C runtime's warm p50 through our emulator, in ms, once per round")
    parser.add_argument("--one-core-baseline", action="append", default=[],
                        help="the minimal server's line for the C runtime with every process on one core, once per round")
    parser.add_argument("--one-core-function", action="append", default=[],
                        help="the minimal server's line for bootstrap with every process on one core, once per round")
    parser.add_argument("--one-core-emulator-warm-ms", action="append", default=[],
                        help="the C runtime's warm p50 through our emulator on one core, in ms, once per round")
    arguments = parser.parse_args()
    c, c_rounds = combined(arguments.baseline)
    megabytes = lambda value: value / 1_048_576
    targets = function_targets(arguments, c, c_rounds, megabytes) if arguments.function else []
    if arguments.emulator_warm_ms:
        emulator_rounds = [float(value) * 1000 for value in arguments.emulator_warm_ms]
        emulator_us = statistics.median(emulator_rounds)
        emulator_ratio = emulator_us / c["warm_p50_us"]
        print(f"emulator: the C runtime's warm p50 is {emulator_us:.1f} µs through our emulator, "
              f"{c['warm_p50_us']:.1f} µs through the minimal server (each from the runtime waiting in next "
              f"to the response in hand; medians of {len(emulator_rounds)} rounds; rounds: "
              + ", ".join(f"{e / r['warm_p50_us']:.2f}×" for e, r in zip(emulator_rounds, c_rounds)) + ")")
        targets.append((f"emulator warm round trip ≤ 1.3× the minimal server's ({emulator_ratio:.2f}×)", emulator_ratio <= 1.3))
    if arguments.one_core_baseline:
        print_one_core(arguments)
    for name, met in targets:
        print(f"{'met    ' if met else 'MISSED '} {name}")


def print_one_core(arguments):
    """The same comparisons with every process on one core: informative, no target."""
    c, c_rounds = combined(arguments.one_core_baseline)
    print("on one core (taskset -c 0; informative, each runtime's own work with no round trip waiting for another "
          "core to wake):")
    if arguments.one_core_function:
        swift, swift_rounds = combined(arguments.one_core_function)
        print(f"  bootstrap: cold p50 {swift['cold_p50_us'] / 1000:.2f} ms, warm p50 {swift['warm_p50_us']:.1f} µs; "
              f"C floor {c['cold_p50_us'] / 1000:.2f} ms, {c['warm_p50_us']:.1f} µs; "
              f"cold {swift['cold_p50_us'] / c['cold_p50_us']:.2f}×, warm {swift['warm_p50_us'] / c['warm_p50_us']:.2f}× "
              "(rounds: warm " + ", ".join(f"{s['warm_p50_us'] / b['warm_p50_us']:.2f}×" for s, b in zip(swift_rounds, c_rounds))
              + ")")
    if arguments.one_core_emulator_warm_ms:
        emulator_rounds = [float(value) * 1000 for value in arguments.one_core_emulator_warm_ms]
        emulator_us = statistics.median(emulator_rounds)
        print(f"  emulator: {emulator_us:.1f} µs through our emulator, {c['warm_p50_us']:.1f} µs through the minimal "
              f"server, {emulator_us / c['warm_p50_us']:.2f}× (rounds: "
              + ", ".join(f"{e / r['warm_p50_us']:.2f}×" for e, r in zip(emulator_rounds, c_rounds)) + ")")


def function_targets(arguments, c, c_rounds, megabytes):
    """Prints the function's table against the C floor and returns its targets."""
    swift, swift_rounds = combined(arguments.function)
    rounds = len(swift_rounds)
    print(f"Runtime benchmark through the minimal Runtime API: health with a real API Gateway event (sampled trace),")
    print(f"{rounds} rounds of {arguments.cold} cold starts and {arguments.warm} warm invocations per runtime, taking turns")
    print(f"{'':12}{'cold p50':>11}{'cold p99':>11}{'warm p50':>11}{'warm p99':>11}{'peak RSS':>11}")
    for name, row in (("bootstrap", swift), ("C floor", c)):
        print(f"{name:12}{row['cold_p50_us'] / 1000:>8.2f} ms{row['cold_p99_us'] / 1000:>8.2f} ms"
              f"{row['warm_p50_us']:>8.1f} µs{row['warm_p99_us']:>8.1f} µs{megabytes(row['peak_rss_bytes']):>8.2f} MB")
    cold_ratio = swift["cold_p50_us"] / c["cold_p50_us"]
    warm_ratio = swift["warm_p50_us"] / c["warm_p50_us"]
    print(f"{'ratio':12}{cold_ratio:>10.2f}×{'':11}{warm_ratio:>10.2f}×")
    if rounds > 1:
        print("rounds: cold " + ", ".join(f"{s['cold_p50_us'] / b['cold_p50_us']:.2f}×" for s, b in zip(swift_rounds, c_rounds))
              + "; warm " + ", ".join(f"{s['warm_p50_us'] / b['warm_p50_us']:.2f}×" for s, b in zip(swift_rounds, c_rounds)))
    print(f"zipped bootstrap: {arguments.zip_bytes} bytes ({megabytes(arguments.zip_bytes):.2f} MB)")

    targets = [
        (f"cold start p50 ≤ 4× C ({cold_ratio:.2f}×)", cold_ratio <= 4),
        (f"warm p50 ≤ 2× C ({warm_ratio:.2f}×)", warm_ratio <= 2),
        (f"peak RSS ≤ 15 MB ({megabytes(swift['peak_rss_bytes']):.2f} MB)", swift["peak_rss_bytes"] <= 15 * 1_048_576),
        (f"zipped bootstrap ≤ 7 MB ({megabytes(arguments.zip_bytes):.2f} MB)", arguments.zip_bytes <= 7 * 1_048_576),
    ]
    return targets


if __name__ == "__main__":
    main()
