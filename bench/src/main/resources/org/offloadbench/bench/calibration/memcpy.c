/* memcpy bandwidth per size: the floor under any copy a model makes. argv: maxMillisPerSize size... */
#include "common.h"

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s maxMillisPerSize size...\n", argv[0]); return 2; }
    alarm(PROBE_ALARM_SECONDS);
    long long budget = atol(argv[1]) * 1000000LL;
    for (int a = 2; a < argc; a++) {
        long size = atol(argv[a]);
        if (size < 1 || size > (1L << 30)) { fprintf(stderr, "bad size %s\n", argv[a]); return 2; }
        char *src = aligned_alloc(64, (size_t) ((size + 63) / 64 * 64));
        char *dst = aligned_alloc(64, (size_t) ((size + 63) / 64 * 64));
        if (!src || !dst) die("aligned_alloc");
        memset(src, 7, (size_t) size);
        memset(dst, 0, (size_t) size);
        volatile char sink = 0;
        long n = 0;
        long long start = now_ns(), elapsed = 0;
        /* bounded in time and count; each copy reads the previous result so it cannot be elided */
        while (elapsed < budget && n < 100000000L) {
            memcpy(dst, src, (size_t) size);
            src[n % size] = dst[(n * 31) % size];
            n++;
            if ((n & 15) == 0 || size > 65536) elapsed = now_ns() - start;
        }
        elapsed = now_ns() - start;
        sink = dst[size / 2];
        (void) sink;
        report("memcpy", size, "floor-bandwidth", (double) size * n / (double) elapsed, n);
        free(src);
        free(dst);
    }
    return 0;
}
