/* The round trip of a byte stream between two processes (pipe, Unix socket, TCP), in either discipline:
 * park = blocking read/write, spin = a non-blocking channel busy-polled by both sides. A fresh worker
 * process per repetition, so each repetition's CPU of both sides is counted on its own. */
#ifndef OFFLOADBENCH_STREAM_H
#define OFFLOADBENCH_STREAM_H
#include "common.h"
#include <sys/wait.h>

/* fds[0] caller writes, fds[1] caller reads, fds[2] worker writes, fds[3] worker reads (may repeat for sockets) */
typedef void (*open_channel_fn)(int fds[4]);

static void close_pair(int a, int b) {
    close(a);
    if (b != a) close(b);
}

static void stream_worker(const struct probe_args *a, int wfd, int rfd, char *buf, struct shared_page *page) {
    if (a->spin) { set_nonblocking(rfd); if (wfd != rfd) set_nonblocking(wfd); }
    long served = 0;
    long long cpu0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    while (full_read(rfd, buf, (size_t) a->payload)) {
        /* the caller set the warm-up's length before it sent the first measured request */
        if (served++ == page->warmup_round_trips) cpu0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
        full_write(wfd, buf, (size_t) a->payload);
    }
    page->worker_cpu_ns = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
}

static int stream_probe(const char *probe, int argc, char **argv, open_channel_fn open_channel) {
    struct probe_args a = parse_args(argc, argv);
    struct shared_page *page = shared_map(sizeof *page);
    char *buf = alloc_payload(a.payload);
    long long *samples = alloc_samples(&a);
    for (int rep = 0; rep < a.repetitions; rep++) {
        int fd[4];
        open_channel(fd);
        page->worker_cpu_ns = 0;
        page->warmup_round_trips = -1;
        pid_t child = fork();
        if (child < 0) die("fork");
        if (child == 0) {
            if (fd[0] != fd[2] && fd[0] != fd[3]) close_pair(fd[0], fd[1]);
            stream_worker(&a, fd[2], fd[3], buf, page);
            _exit(0);
        }
        if (fd[2] != fd[0] && fd[2] != fd[1]) close_pair(fd[2], fd[3]);
        if (a.spin) { set_nonblocking(fd[1]); if (fd[0] != fd[1]) set_nonblocking(fd[0]); }
        long warm = 0;
        for (long long warm_start = now_ns(); keep_warming(&a, warm, warm_start); warm++) {
            full_write(fd[0], buf, (size_t) a.payload);
            if (!full_read(fd[1], buf, (size_t) a.payload)) die("peer closed");
        }
        page->warmup_round_trips = warm;
        long long cpu0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
        long long started = now_ns();
        long n = 0;
        while (keep_going(&a, n, started)) {
            long long t0 = now_ns();
            full_write(fd[0], buf, (size_t) a.payload);
            if (!full_read(fd[1], buf, (size_t) a.payload)) die("peer closed");
            samples[n++] = now_ns() - t0;
        }
        long long caller_cpu = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
        close_pair(fd[0], fd[1]); /* end of stream: the worker stops and reports its CPU */
        int status;
        if (waitpid(child, &status, 0) < 0) die("waitpid");
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) { fprintf(stderr, "worker failed\n"); return 1; }
        report_rep(probe, &a, rep, samples, n, caller_cpu, page->worker_cpu_ns);
    }
    return 0;
}
#endif
