// Symbols the Lambda binary defines itself so that it loads on Amazon Linux 2023 (glibc 2.34) although it is built
// against a newer glibc. See HypotfCompatibility.c and Arc4randomCompatibility.c.
#ifndef STRATUS_GLIBC_COMPATIBILITY_H
#define STRATUS_GLIBC_COMPATIBILITY_H
#endif
