#!/usr/bin/env bash
# The repository's habits, checked in CI before the tests: the code is formatted as `.swift-format` says
# (`swift format -i -r Sources Tests Benchmarks Package.swift` fixes it), and at least 80 % of the public
# declarations carry a doc comment (`python3 scripts/doc-coverage.py --list` names the rest).
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict --recursive --parallel Sources Tests Benchmarks Package.swift
python3 scripts/doc-coverage.py --minimum 80
