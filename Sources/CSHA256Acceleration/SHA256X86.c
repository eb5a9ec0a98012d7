// SHA-256 blocks on the x86 SHA extensions. SHA256RNDS2 runs two rounds on the working variables held as two
// vectors, {a, b, e, f} and {c, d, g, h}; SHA256MSG1 and SHA256MSG2 extend the message schedule four words at a time.
#if defined(__x86_64__) || defined(__i386__)

#include "CSHA256Acceleration.h"

#include <cpuid.h>
#include <immintrin.h>

int stratus_sha256_hardware_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int ssse3 = 1u << 9, sse41 = 1u << 19;
    if ((ecx & ssse3) == 0 || (ecx & sse41) == 0) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int sha = 1u << 29;
    return (ebx & sha) != 0;
}

__attribute__((target("sha,sse4.1,ssse3")))
void stratus_sha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t block_count) {
    // Each 32-bit word of a block is big-endian: this shuffle reverses the bytes within every word.
    const __m128i big_endian_words = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

    // From {a, b, c, d} and {e, f, g, h} to the instructions' {f, e, b, a} and {h, g, d, c} (highest word first).
    __m128i low = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i high = _mm_loadu_si128((const __m128i *)&state[4]);
    low = _mm_shuffle_epi32(low, 0xB1);
    high = _mm_shuffle_epi32(high, 0x1B);
    __m128i abef = _mm_alignr_epi8(low, high, 8);
    __m128i cdgh = _mm_blend_epi16(high, low, 0xF0);

    for (; block_count > 0; block_count--, blocks += 64) {
        const __m128i abef_before = abef;
        const __m128i cdgh_before = cdgh;
        // The last sixteen schedule words, four to a vector; group i of four rounds writes vector i % 4.
        __m128i words[4];
        // Unrolled in full, so that the four schedule vectors stay in registers.
#if defined(__clang__)
#pragma clang loop unroll(full)
#endif
        for (int group = 0; group < 16; group++) {
            __m128i next;
            if (group < 4) {
                next = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 16 * group)), big_endian_words);
            } else {
                // W[t-16] + σ0(W[t-15]), then + W[t-7], then + σ1(W[t-2]).
                next = _mm_sha256msg1_epu32(words[group % 4], words[(group + 1) % 4]);
                next = _mm_add_epi32(next, _mm_alignr_epi8(words[(group + 3) % 4], words[(group + 2) % 4], 4));
                next = _mm_sha256msg2_epu32(next, words[(group + 3) % 4]);
            }
            words[group % 4] = next;
            __m128i scheduled = _mm_add_epi32(
                next, _mm_load_si128((const __m128i *)&stratus_sha256_round_constants[4 * group]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, scheduled);
            scheduled = _mm_shuffle_epi32(scheduled, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, scheduled);
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }

    // And back to {a, b, c, d} and {e, f, g, h}.
    const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

#endif
