"""Reads package-benchmark's text tables on stdin and prints what issue 17 §5 promises of the AWS client.

- Signing: p50 wall-clock time of "SigV4: sign a DynamoDB GetItem request" (≤ 5 µs).
- Client overhead: p50 of an "AWSJSONClient: DynamoDB GetItem call …" minus p50 of "Raw HTTP/1.1 POST of the same
  bytes (baseline)": both exchange the same request with the same local fixed responder in the same run (≤ 30 µs).
  Three callers: a Lambda invocation's thread ("… on a Lambda invocation's thread"), which the client blocks as the
  raw POST blocks its own, the calls a function makes; a task on the connection's event loop ("… on its
  connection's event loop"), as a gateway request's handler makes them; and a task on the global executor, whose
  exchange goes to an event loop and back. Each gets its own met/MISSED line; the exit status follows the first.
- Informative: what of that overhead is signing, and what a bare NIO exchange of the same bytes from async code costs
  over the raw POST ("NIO POST of the same bytes from async code (informative)"), the floor of any client on NIO.
"""
import sys

from tables import p50_figures

SIGNING_TARGET_US = 5
OVERHEAD_TARGET_US = 30


def verdict(value, target):
    """`met` or `MISSED`, padded to the width of the report's first column."""
    return f"{'met' if value <= target else 'MISSED':<7}"


_, wall_us = p50_figures(sys.stdin)
signing = wall_us.get("SigV4: sign a DynamoDB GetItem request")
client = wall_us.get("AWSJSONClient: DynamoDB GetItem call")
raw = wall_us.get("Raw HTTP/1.1 POST of the same bytes (baseline)")
if signing is None or client is None or raw is None:
    print("missing the signing, client or raw POST figures")
    sys.exit(1)

failed = signing > SIGNING_TARGET_US
print(
    f"{verdict(signing, SIGNING_TARGET_US)} SigV4 signing of a DynamoDB GetItem takes {signing:.2f} µs at p50 "
    f"(≤ {SIGNING_TARGET_US} µs)"
)

on_thread = wall_us.get("AWSJSONClient: DynamoDB GetItem call on a Lambda invocation's thread")
if on_thread is None:
    print("missing the figure of the calls on a Lambda invocation's thread")
    sys.exit(1)
failed |= on_thread - raw > OVERHEAD_TARGET_US
print(
    f"{verdict(on_thread - raw, OVERHEAD_TARGET_US)} AWSJSONClient adds {on_thread - raw:.1f} µs per GetItem call at "
    f"p50 on a Lambda invocation's thread (a function's handler) over a raw keep-alive POST of the same bytes "
    f"(client {on_thread:.1f} µs, raw POST {raw:.1f} µs; ≤ {OVERHEAD_TARGET_US} µs)"
)
on_loop = wall_us.get("AWSJSONClient: DynamoDB GetItem call on its connection's event loop")
if on_loop is not None:
    print(
        f"{verdict(on_loop - raw, OVERHEAD_TARGET_US)} on its connection's event loop (a gateway request's handler, "
        f"or inside withConnectionLoop) it adds {on_loop - raw:.1f} µs (client {on_loop:.1f} µs; ≤ {OVERHEAD_TARGET_US} µs)"
    )
overhead = client - raw
print(
    f"{verdict(overhead, OVERHEAD_TARGET_US)} from a task on the global executor (an event loop and back) it adds "
    f"{overhead:.1f} µs (client {client:.1f} µs; ≤ {OVERHEAD_TARGET_US} µs)"
)
nio = wall_us.get("NIO POST of the same bytes from async code (informative)")
if nio is not None:
    print(
        f"        of which signing {signing:.1f} µs; a bare NIO exchange from async code adds {nio - raw:.1f} µs over "
        f"the raw POST, the rest of the client {overhead - signing - (nio - raw):.1f} µs"
    )
sys.exit(1 if failed else 0)
