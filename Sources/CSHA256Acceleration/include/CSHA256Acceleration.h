// The SHA-256 compression function on the processor's own instructions: the x86 SHA extensions (SHA-NI) or the
// ARMv8 cryptography extension. Hashing (Swift) owns the padding and the buffering; this only runs whole blocks, and
// only when stratus_sha256_hardware_available() says the processor can.
#ifndef STRATUS_CSHA256_ACCELERATION_H
#define STRATUS_CSHA256_ACCELERATION_H

#include <stddef.h>
#include <stdint.h>

/// FIPS 180-4's K: the first 32 bits of the fractional parts of the cube roots of the first 64 primes, aligned to 16
/// bytes so that the x86 engine loads them four at a time.
extern const uint32_t stratus_sha256_round_constants[64];

/// The same 64 constants, for Swift, which imports a C array as a tuple: a pointer to the first of them.
const uint32_t *_Nonnull stratus_sha256_round_constants_table(void);

/// Whether this processor has SHA-256 instructions that stratus_sha256_compress_blocks can use. Ask once and keep
/// the answer: it does not change while the process runs.
int stratus_sha256_hardware_available(void);

/// Runs the compression function over `block_count` 64-byte blocks at `blocks`, updating the eight state words
/// (a to h, in the machine's byte order) at `state`. Call only when stratus_sha256_hardware_available() is non-zero.
void stratus_sha256_compress_blocks(uint32_t state[_Nonnull 8], const uint8_t *_Nonnull blocks, size_t block_count);

#endif
