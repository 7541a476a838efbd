/* Shared by the calibration probes: timing, bounded runs, the one output line the runner parses. */
#ifndef OFFLOADBENCH_COMMON_H
#define OFFLOADBENCH_COMMON_H
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Every probe dies after this many seconds whatever happens: a bounded loop, even if a peer hangs. */
#define PROBE_ALARM_SECONDS 20

static inline long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline void die(const char *what) {
    fprintf(stderr, "%s: %s\n", what, strerror(errno));
    exit(1);
}

/* The line the runner parses: probe=... payloadBytes=... metric=... value=... n=... */
static inline void report(const char *probe, long payload, const char *metric, double value, long n) {
    printf("probe=%s payloadBytes=%ld metric=%s value=%.3f n=%ld\n", probe, payload, metric, value, n);
    fflush(stdout);
}

static inline void full_write(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t w = write(fd, buf, len);
        if (w < 0) { if (errno == EINTR) continue; die("write"); }
        buf += w; len -= (size_t) w;
    }
}

static inline int full_read(int fd, char *buf, size_t len) {
    while (len > 0) {
        ssize_t r = read(fd, buf, len);
        if (r < 0) { if (errno == EINTR) continue; die("read"); }
        if (r == 0) return 0;
        buf += r; len -= (size_t) r;
    }
    return 1;
}

/* argv: payloadBytes iterations */
static inline void args(int argc, char **argv, long *payload, long *iterations) {
    if (argc != 3) { fprintf(stderr, "usage: %s payloadBytes iterations\n", argv[0]); exit(2); }
    *payload = atol(argv[1]);
    *iterations = atol(argv[2]);
    if (*payload < 1 || *payload > (1 << 20) || *iterations < 1) { fprintf(stderr, "bad arguments\n"); exit(2); }
    alarm(PROBE_ALARM_SECONDS);
}
#endif
