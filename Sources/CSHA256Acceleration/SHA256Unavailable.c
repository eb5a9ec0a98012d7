// Processors with neither the x86 nor the ARM instructions: the Swift code hashes alone.
#if !defined(__x86_64__) && !defined(__i386__) && !defined(__aarch64__)

#include "CSHA256Acceleration.h"

int stratus_sha256_hardware_available(void) { return 0; }

void stratus_sha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t block_count) {
    (void)state;
    (void)blocks;
    (void)block_count;
}

#endif
