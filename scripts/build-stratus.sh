#!/usr/bin/env bash
# Builds the release `stratus` as it runs outside development: optimized, with the Swift runtime, the concurrency
# library, Dispatch and Foundation linked into the binary (`--static-swift-stdlib`), and prints its path. The
# benchmarks measure this build.
#
# Why static: linked as shared libraries, every call into the Swift runtime (each retain and release, each task
# switch) goes through the procedure linkage table, and every access to the runtime's thread-local state through
# `__tls_get_addr`; linked in, they are direct calls and direct loads. On this 2-core VM that took a quarter to a
# third off the CPU the local gateway spends on a `GET /orders/{id}` (156–211 µs against 111–139 µs in three
# alternated pairs) and a sixth off the bare Hummingbird route's (50–57 µs against 41 µs); README, "Measure it".
#
#   bash scripts/build-stratus.sh                 → .build-stratus/release/stratus
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-stratus

# Foundation's networking part (URLSession, which `stratus logs` and `stratus traces` use), linked in, links against
# libcurl, whose development link (libcurl.so) the runtime package lacks.
if [ ! -e "$(cc -print-file-name=libcurl.so)" ]; then
    apt-get update -qq && apt-get install -y -qq libcurl4-openssl-dev >/dev/null
fi
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product stratus >/dev/null
echo "$scratch/release/stratus"
