#!/usr/bin/env bash
# Checks that the Lambda binary loads on provided.al2023: builds the release `bootstrap` as it ships
# (scripts/build-lambda.sh), then fails, naming the symbol or library, when it needs
#   - a glibc symbol version newer than GLIBC_2.34 (Amazon Linux 2023's glibc),
#   - a libstdc++ symbol version newer than GLIBCXX_3.4.29 / CXXABI_1.3.13 (AL2023's GCC 11 runtime),
#   - a shared library other than glibc's (libc, libm, the loader), libstdc++ and libgcc_s,
#   - a library search path (RPATH or RUNPATH): it has no library of its own to find, and a path makes the loader
#     search it for every library at each cold start (scripts/build-lambda.sh builds without SwiftPM's `$ORIGIN`),
#   - any Foundation: its full module, ICU, or FoundationEssentials (which alone, pulled in through one `URL`, is about
#     2 MB of the zip; the binary uses the project's own JSON decoder, decimals, base64 and HTTP types instead),
#   - Swift's regex engine (_StringProcessing, _RegexParser: about 0.5 MB of the zip), which any `Regex` or string
#     search by a string (`contains("ab")`, `split(separator: "::")`, `firstRange(of:)`) links in,
#   - the local cloud's modules (LocalCloud, Hummingbird, GRDB or SQLite): the layering of ARCHITECTURE §2,
#   - its code not laid out by scripts/lambda/bootstrap.order: the functions listed there spread over more than 100
#     blocks of 64 KB (laid out, about 60; without the layout, about 150, and 3.3 MB more resident memory);
# and then runs it: three cold starts and 200 warm invocations of `health` with a real API Gateway event through the
# benchmark's minimal Runtime API (scripts/bench/minimal-runtime-api.c), which fails when the function crashes or
# closes its connection. The tests run the debug build; this is the run of the binary as it ships, compiled with
# scripts/build-lambda.sh's own flags.
#   bash scripts/check-lambda-binary.sh              build, then check
#   bash scripts/check-lambda-binary.sh PATH         check the binary at PATH
set -euo pipefail
cd "$(dirname "$0")/.."

command -v objdump >/dev/null || { apt-get update -qq && apt-get install -y -qq binutils >/dev/null; }

if [ $# -gt 0 ]; then
    binary="$1"
else
    bash scripts/build-lambda.sh >/dev/null
    binary=.build-bench/release/bootstrap
fi

python3 - "$binary" <<'PYTHON'
import re, subprocess, sys

binary = sys.argv[1]
limits = {"GLIBC": (2, 34), "GLIBCXX": (3, 4, 29), "CXXABI": (1, 3, 13)}
allowed_libraries = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1",
                     "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}

dynamic_symbols = subprocess.run(["objdump", "-T", binary], check=True, capture_output=True, text=True).stdout
problems = []
newest = {}
for line in dynamic_symbols.splitlines():
    match = re.search(r"\((GLIBC|GLIBCXX|CXXABI)_([0-9.]+)\)\s+(\S+)\s*$", line)
    if not match:
        continue
    family, version, symbol = match.group(1), tuple(int(p) for p in match.group(2).split(".")), match.group(3)
    newest[family] = max(newest.get(family, version), version)
    if version > limits[family]:
        problems.append(f"{symbol} needs {family}_{'.'.join(map(str, version))} "
                        f"(newer than {family}_{'.'.join(map(str, limits[family]))})")

if "GLIBC" not in newest:
    problems.append("objdump -T shows no versioned glibc symbol: the check cannot tell what the binary needs")

headers = subprocess.run(["objdump", "-p", binary], check=True, capture_output=True, text=True).stdout
libraries = re.findall(r"^\s*NEEDED\s+(\S+)", headers, re.MULTILINE)
problems += [f"links {library}, which Lambda's provided.al2023 does not promise"
             for library in libraries if library not in allowed_libraries]

problems += [f"has a library search path ({kind} {path}): the loader searches it for every library at each cold start"
             for kind, path in re.findall(r"^\s*(RPATH|RUNPATH)\s+(\S+)", headers, re.MULTILINE)]

symbols = subprocess.run(["nm", binary], capture_output=True, text=True).stdout
if not symbols.strip():
    problems.append("nm finds no symbols (a stripped binary?): check the unstripped build")
heavy_modules = {
    "Foundation's full module": re.compile(r"\$s10Foundation"),
    "FoundationInternationalization": re.compile(r"\$s30FoundationInternationalization"),
    "FoundationEssentials": re.compile(r"\$s20FoundationEssentials"),
    "Foundation's collections": re.compile(r"\$s22_FoundationCollections"),
    "Swift's regex engine": re.compile(r"\$s17_StringProcessing|\$s12_RegexParser"),
    "ICU": re.compile(r"\b(ucol_open|ubrk_open|udat_open|u_errorName)\w*"),
    # ARCHITECTURE §2: the Lambda binary runs on the AWS adapters only, never the local cloud or its server and store.
    "LocalCloud": re.compile(r"\$s10LocalCloud"),
    "Hummingbird": re.compile(r"\$s11Hummingbird"),
    "GRDB or SQLite": re.compile(r"\$s4GRDB|\bsqlite3_\w+"),
}
for module, pattern in heavy_modules.items():
    match = pattern.search(symbols)
    if match:
        problems.append(f"links {module} (symbol {match.group(0)}…)")

# The layout (scripts/build-lambda.sh): the blocks of 64 KB that the listed functions of the binary occupy. The kernel
# maps a binary's code in such blocks around each page a process touches.
addresses = {}
for line in subprocess.run(["nm", "-S", binary], capture_output=True, text=True).stdout.splitlines():
    fields = line.split()
    if len(fields) == 4 and fields[2] in "tTwW":
        addresses[fields[3]] = (int(fields[0], 16), int(fields[1], 16))
with open("scripts/lambda/bootstrap.order") as order:
    listed = [line.strip().removeprefix(".text.") for line in order if line.strip()]
blocks = {offset // 65536 for name in listed if name in addresses
          for start, size in [addresses[name]] for offset in (start, start + max(size, 1) - 1)}
print(f"the {sum(name in addresses for name in listed)} listed functions found lie in {len(blocks)} blocks of 64 KB")
if len(blocks) > 100:
    problems.append(f"the functions of scripts/lambda/bootstrap.order lie in {len(blocks)} blocks of 64 KB "
                    "(more than 100): built without scripts/build-lambda.sh's layout?")

for family, version in sorted(newest.items()):
    print(f"newest {family} version needed: {'.'.join(map(str, version))}")
print(f"shared libraries: {', '.join(libraries)}")
if problems:
    for problem in problems:
        print(f"FAIL {binary}: {problem}")
    sys.exit(1)
print(f"ok   {binary} loads on provided.al2023 (glibc 2.34)")
PYTHON

mkdir -p .build-bench/lambda
runtime_api=.build-bench/lambda/minimal-runtime-api
cc -O2 -o "$runtime_api" scripts/bench/minimal-runtime-api.c
if ! "$runtime_api" --event Examples/events/health-apigateway.json --cold 3 --warm 200 -- "$binary" >/dev/null; then
    echo "FAIL $binary: health did not answer 3 cold starts and 200 warm invocations through the minimal Runtime API"
    exit 1
fi
echo "ok   $binary answers health through the minimal Runtime API (3 cold starts, 200 warm invocations)"
