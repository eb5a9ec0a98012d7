// SHA-256 blocks on the ARMv8 cryptography extension. SHA256H and SHA256H2 run four rounds on {a, b, c, d} and
// {e, f, g, h}; SHA256SU0 and SHA256SU1 extend the message schedule four words at a time.
#if defined(__aarch64__)

#include "CSHA256Acceleration.h"

#include <arm_neon.h>

#if defined(__linux__)
#include <sys/auxv.h>
#ifndef HWCAP_SHA2
#define HWCAP_SHA2 (1 << 6)
#endif
#endif

int stratus_sha256_hardware_available(void) {
#if defined(__APPLE__)
    return 1;  // Every Apple arm64 processor has the SHA-256 instructions.
#elif defined(__linux__)
    return (getauxval(AT_HWCAP) & HWCAP_SHA2) != 0;
#else
    return 0;
#endif
}

__attribute__((target("sha2")))
void stratus_sha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t block_count) {
    uint32x4_t abcd = vld1q_u32(&state[0]);
    uint32x4_t efgh = vld1q_u32(&state[4]);

    for (; block_count > 0; block_count--, blocks += 64) {
        const uint32x4_t abcd_before = abcd;
        const uint32x4_t efgh_before = efgh;
        // The last sixteen schedule words, four to a vector; group i of four rounds writes vector i % 4.
        uint32x4_t words[4];
        // Unrolled in full, so that the four schedule vectors stay in registers.
#if defined(__clang__)
#pragma clang loop unroll(full)
#endif
        for (int group = 0; group < 16; group++) {
            uint32x4_t next;
            if (group < 4) {
                // Each 32-bit word of a block is big-endian.
                next = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(blocks + 16 * group)));
            } else {
                next = vsha256su0q_u32(words[group % 4], words[(group + 1) % 4]);
                next = vsha256su1q_u32(next, words[(group + 2) % 4], words[(group + 3) % 4]);
            }
            words[group % 4] = next;
            const uint32x4_t scheduled = vaddq_u32(next, vld1q_u32(&stratus_sha256_round_constants[4 * group]));
            const uint32x4_t abcd_of_group = abcd;
            abcd = vsha256hq_u32(abcd, efgh, scheduled);
            efgh = vsha256h2q_u32(efgh, abcd_of_group, scheduled);
        }
        abcd = vaddq_u32(abcd, abcd_before);
        efgh = vaddq_u32(efgh, efgh_before);
    }

    vst1q_u32(&state[0], abcd);
    vst1q_u32(&state[4], efgh);
}

#endif
