// Lambda's provided.al2023 runtime has glibc 2.34. glibc 2.35 gave `hypotf` a new symbol version, and the static
// Swift overlay for Glibc (libswiftGlibc.a, the `hypot(Float, Float)` wrapper) references it, so a binary linked on a
// newer system asks for `hypotf@GLIBC_2.35` and the loader refuses to start it on Lambda.
//
// Defining `hypotf` in the executable satisfies that reference at link time, so the binary imports no `hypotf` at
// all. The definition computes as glibc 2.35's own does: in double precision, where the squares of two floats are
// exact and cannot overflow, rounded once to float at the end.
#if defined(__linux__)
#include <features.h>
#endif

#if defined(__GLIBC__)
#include <math.h>

float hypotf(float x, float y) {
    if (isinf(x) || isinf(y)) {
        return INFINITY;
    }
    if (isnan(x) || isnan(y)) {
        return x + y;
    }
    double wideX = x;
    double wideY = y;
    return (float)sqrt(wideX * wideX + wideY * wideY);
}
#endif
