// glibc 2.36 added `arc4random`, and GCC 12's static libstdc++ (linked into the Lambda binary by
// scripts/build-lambda.sh, which saves the loader a shared library at every cold start) calls it for
// `std::random_device`: linked on a newer system, the binary would ask for `arc4random@GLIBC_2.36`, which Lambda's
// provided.al2023 (glibc 2.34) does not have.
//
// Defining `arc4random` in the executable satisfies that reference at link time. Like glibc's, it takes its bytes
// from the kernel's random number generator (`getrandom`, glibc 2.25), retries when a signal interrupts the call, and
// ends the process rather than return anything but random bytes.
#if defined(__linux__)
#include <features.h>
#endif

#if defined(__GLIBC__)
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/random.h>

uint32_t arc4random(void) {
    uint32_t value;
    unsigned char *bytes = (unsigned char *)&value;
    size_t filled = 0;
    while (filled < sizeof value) {
        ssize_t got = getrandom(bytes + filled, sizeof value - filled, 0);
        if (got > 0) {
            filled += (size_t)got;
        } else if (got < 0 && errno != EINTR) {
            abort();
        }
    }
    return value;
}
#endif
