#!/usr/bin/env bash
# Runs every Stratus test on a fresh machine: installs what the tests need, builds, and runs them.
#   bash scripts/test.sh            all tests
#   bash scripts/test.sh FILTER     only tests matching FILTER (swift test --filter)
set -euo pipefail
cd "$(dirname "$0")/.."

# GRDB links the system SQLite, which needs its headers to build.
if [ ! -f /usr/include/sqlite3.h ]; then
    apt-get update -qq && apt-get install -y -qq libsqlite3-dev >/dev/null
fi

# wrk, the HTTP load generator the gateway benchmark's smoke test drives.
if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

# The Python virtualenv with AWS's runtime interface client (awslambdaric), which the runtime tests drive.
if ! python3 -m venv --help >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements-test.txt
export STRATUS_PYTHON="$PWD/.venv/bin/python"

# At most 8 tests run at once. Unbounded, the suite starts some thirty `stratus serve`, moto and CLI processes
# within seconds; on two cores they starve the test process itself for 20 s and more, and every test that waits for
# a deadline or a long poll inside it sees the clock jump. Set the variable to choose another width.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-8}"

swift build --build-tests
if [ $# -gt 0 ]; then
    swift test --skip-build --filter "$1"
else
    swift test --skip-build
fi
