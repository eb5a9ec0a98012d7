#!/usr/bin/env bash
# Builds the Lambda package as it ships: the release `bootstrap` with the Swift runtime and libstdc++ linked
# statically, each function in a section of its own, and the functions that a cold start and an invocation run laid
# out side by side (scripts/lambda/bootstrap.order, made by scripts/lambda/profile-order.sh); then stripped and zipped.
#
# Why the layout: the kernel maps a binary's code into a process in blocks of 64 KB around each page it touches, and
# counts every mapped page as resident. Spread over the 21 MB of code, the functions that `health` runs touch about
# 150 such blocks; laid out side by side, about 60 (what is left is the part of the Swift standard library that is
# not compiled into sections of its own, which the linker cannot move). README, "Measure it", has the figures.
#
#   bash scripts/build-lambda.sh      → .build-bench/lambda/bootstrap.zip (unstripped binary: .build-bench/release/bootstrap)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-bench
out="$scratch/lambda"

command -v zip >/dev/null || { apt-get update -qq && apt-get install -y -qq zip unzip >/dev/null; }

# libstdc++ linked in too, which spares the loader a shared library and its symbol look-ups at every cold start: the
# Swift runtime's link arguments ask for `-lstdc++`, and the linker finds this script, which names the archive, first.
static_cxx="$PWD/$scratch/static-libstdc++"
archive=$(cc -print-file-name=libstdc++.a)
[ -f "$archive" ] || { echo "build-lambda.sh: no static libstdc++ (libstdc++-12-dev); cc answered $archive" >&2; exit 1; }
mkdir -p "$static_cxx"
echo "INPUT($archive)" >"$static_cxx/libstdc++.so"

# No library search path (`--disable-local-rpath`): the binary ships no library of its own, and SwiftPM's default
# `$ORIGIN` made the loader look for libm, libgcc_s and libc in the function's folder (and its hwcaps subfolders) at
# every cold start, twenty failed opens and as many stats before the system's copies.
# The build does not know the order file as an input: removing the binary makes it link again with the file as it is.
# `-disable-concrete-type-metadata-mangled-name-accessors`: code that needs the metadata of a concrete generic type
# (`[String: String]`'s storage, say) calls the type's metadata accessor with the conformances it needs, where by
# default it hands the runtime the type's mangled name, which the runtime decodes and whose conformances it finds by
# searching the binary's conformance records, once per type and process: a fifth of a cold start's instructions.
# `-cross-module-optimization`: the package's modules export their functions' bodies, so that a generic function of
# one module (a route's answer, the middleware's request, a task-local's value) is specialized for the types another
# module calls it with, instead of looking their metadata up and calling through witness tables on every invocation:
# 148,461 → 140,766 instructions in each warm invocation (scripts/lambda/count-instructions.sh), for 157 KB more zip.
rm -f "$scratch/release/bootstrap"
swift build -c release --static-swift-stdlib --disable-local-rpath --scratch-path "$scratch" --product bootstrap \
    -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections \
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
    -Xswiftc -cross-module-optimization \
    -Xlinker "--section-ordering-file=$PWD/scripts/lambda/bootstrap.order" -Xlinker "-L$static_cxx" >/dev/null
mkdir -p "$out"
cp "$scratch/release/bootstrap" "$out/bootstrap"
strip --strip-all "$out/bootstrap"
rm -f "$out/bootstrap.zip"
(cd "$out" && zip -q -9 bootstrap.zip bootstrap)
echo "$out/bootstrap.zip"
