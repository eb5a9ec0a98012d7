"""Turns callgrind outputs of `bootstrap` into a section-ordering file for the gold linker: one `.text.<symbol>` line
per function of the binary that ran, the most executed first (instructions summed over all the outputs given).

    python3 scripts/lambda/order_file.py callgrind.out.* > scripts/lambda/bootstrap.order

Callgrind's format (https://valgrind.org/docs/manual/cl-format.html): `ob=`, `fn=` set the object and function whose
costs follow, as `(id) name` the first time and `(id)` after; a cost line after `calls=` is the call's inclusive
cost, not the function's own, and is skipped. Recursion shows as `name'2`, which is the same function.
"""

import collections
import re
import sys

NAMED = re.compile(r"^(ob|fn|cob|cfn)=\((\d+)\)(?: (.*))?$")


def own_costs(path, costs):
    names = {"ob": {}, "fn": {}}
    current = {"ob": None, "fn": None}
    skip_next_cost = False
    with open(path, errors="replace") as lines:
        for line in lines:
            line = line.rstrip("\n")
            named = NAMED.match(line)
            if named:
                kind, number, name = named.groups()
                table = names[kind.lstrip("c")]
                if name is not None:
                    table[number] = name
                if kind in current:
                    current[kind] = table.get(number)
                continue
            if line.startswith("calls="):
                skip_next_cost = True
                continue
            if not line or not (line[0].isdigit() or line[0] in "+-*"):
                continue
            if skip_next_cost:
                skip_next_cost = False
                continue
            binary, function = current["ob"], current["fn"]
            fields = line.split()
            if binary and function and binary.endswith("/bootstrap") and len(fields) > 1:
                costs[function.split("'")[0]] += int(fields[1])


def main(paths):
    costs = collections.Counter()
    for path in paths:
        own_costs(path, costs)
    for function, _ in costs.most_common():
        # Unnamed code (an address) and callgrind's pseudo-functions have no section to place.
        if not function.startswith(("0x", "(")):
            print(f".text.{function}")


if __name__ == "__main__":
    main(sys.argv[1:])
