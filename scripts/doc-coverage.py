#!/usr/bin/env python3
"""Counts the public declarations under Sources/ and how many carry a `///` doc comment.

Usage: scripts/doc-coverage.py [--minimum PERCENT] [--list]
Exits 1 when the share of documented public declarations is below the minimum (default 80), naming the modules
and, with --list, every undocumented declaration. Protocol requirements' implementations that restate a documented
requirement (`description`, `errorType`, Codable and Equatable members, `makeIterator`) are counted like any other.
"""
import argparse
import pathlib
import re
import sys

DECLARATION = re.compile(
    r"^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*(?:(?:nonisolated|final|static|class|mutating|override|indirect|convenience|required|dynamic|lazy)\s+)*"
    r"public\s+(?:(?:nonisolated|final|static|class|mutating|override|indirect|convenience|required|dynamic|lazy|private\(set\)|internal\(set\)|package\(set\))\s+)*"
    r"(func|var|let|init|subscript|struct|enum|class|actor|protocol|typealias|case|extension)\b"
)
ATTRIBUTE = re.compile(r"^\s*@[\w.]+(\(.*\))?\s*$")


def declarations(path):
    lines = path.read_text().splitlines()
    for index, line in enumerate(lines):
        match = DECLARATION.match(line)
        if not match or match.group(1) == "extension":
            continue
        previous = index - 1
        while previous >= 0 and ATTRIBUTE.match(lines[previous]):
            previous -= 1
        documented = previous >= 0 and lines[previous].strip().startswith("///")
        yield index + 1, line.strip(), documented


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minimum", type=float, default=80.0)
    parser.add_argument("--list", action="store_true")
    arguments = parser.parse_args()
    root = pathlib.Path(__file__).resolve().parent.parent / "Sources"
    modules = {}
    missing = []
    for path in sorted(root.rglob("*.swift")):
        module = path.relative_to(root).parts[0]
        for number, text, documented in declarations(path):
            total, done = modules.get(module, (0, 0))
            modules[module] = (total + 1, done + documented)
            if not documented:
                missing.append(f"{path.relative_to(root.parent)}:{number}: {text}")
    total = sum(t for t, _ in modules.values())
    done = sum(d for _, d in modules.values())
    for module, (t, d) in sorted(modules.items()):
        print(f"{module:22} {d:4}/{t:<4} {100 * d / t:5.1f} %")
    share = 100 * done / total if total else 100.0
    print(f"{'all':22} {done:4}/{total:<4} {share:5.1f} %")
    if arguments.list:
        print("\n".join(missing))
    if share < arguments.minimum:
        print(f"doc comments on {share:.1f} % of public declarations, below {arguments.minimum:.0f} %", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
