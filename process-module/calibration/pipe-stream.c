/*
 * Floors for the process/pipes copy targets, measured on the machine at hand:
 *   stream: one process writes totalBytes through one pipe in 64 KiB writes, another reads them (GB/s);
 *   echo:   the C analog of the echo workload - the parent writes payloadBytes to a child over one pipe, the
 *           child reads all of it and writes it back over another; time per round trip and payload/time (GB/s).
 * Usage: pipe-stream payloadBytes rounds      (every loop is bounded; alarm after 60 s)
 * Build: gcc -O2 -o pipe-stream pipe-stream.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what) {
    fprintf(stderr, "%s: %s\n", what, strerror(errno));
    exit(1);
}

static void full_write(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t w = write(fd, buf, len > 65536 ? 65536 : len);
        if (w < 0) { if (errno == EINTR) continue; die("write"); }
        buf += w; len -= (size_t) w;
    }
}

static int full_read(int fd, char *buf, size_t len) {
    while (len > 0) {
        ssize_t r = read(fd, buf, len);
        if (r < 0) { if (errno == EINTR) continue; die("read"); }
        if (r == 0) return 0;
        buf += r; len -= (size_t) r;
    }
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s payloadBytes rounds\n", argv[0]); return 2; }
    long payload = atol(argv[1]);
    long rounds = atol(argv[2]);
    if (payload < 1 || payload > (1L << 28) || rounds < 1 || rounds > 100000) { fprintf(stderr, "bad arguments\n"); return 2; }
    alarm(60);
    char *buf = malloc((size_t) payload);
    if (!buf) die("malloc");
    memset(buf, 7, (size_t) payload);

    /* stream: one way */
    int one[2];
    if (pipe(one)) die("pipe");
    pid_t reader = fork();
    if (reader < 0) die("fork");
    if (reader == 0) {
        close(one[1]);
        char *in = malloc((size_t) payload);
        while (full_read(one[0], in, (size_t) payload)) { }
        _exit(0);
    }
    close(one[0]);
    full_write(one[1], buf, (size_t) payload); /* warm-up */
    long long start = now_ns();
    for (long i = 0; i < rounds; i++) full_write(one[1], buf, (size_t) payload);
    close(one[1]);
    waitpid(reader, NULL, 0);
    long long elapsed = now_ns() - start;
    printf("probe=pipe-stream payloadBytes=%ld metric=floor-bandwidth value=%.3f unit=GB/s n=%ld\n", payload,
           (double) payload * rounds / elapsed, rounds);

    /* echo: there and back, whole payload each way */
    int there[2], back[2];
    if (pipe(there) || pipe(back)) die("pipe");
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        close(there[1]); close(back[0]);
        char *in = malloc((size_t) payload);
        while (full_read(there[0], in, (size_t) payload)) full_write(back[1], in, (size_t) payload);
        _exit(0);
    }
    close(there[0]); close(back[1]);
    full_write(there[1], buf, (size_t) payload);
    if (!full_read(back[0], buf, (size_t) payload)) die("peer closed");
    start = now_ns();
    for (long i = 0; i < rounds; i++) {
        full_write(there[1], buf, (size_t) payload);
        if (!full_read(back[0], buf, (size_t) payload)) die("peer closed");
    }
    elapsed = now_ns() - start;
    close(there[1]);
    waitpid(child, NULL, 0);
    printf("probe=pipe-echo payloadBytes=%ld metric=floor-round-trip value=%.1f unit=ns n=%ld (payload/time %.3f GB/s)\n",
           payload, (double) elapsed / rounds, rounds, (double) payload * rounds / elapsed);
    return 0;
}
