/* Shared by the calibration probes: argument parsing, bounded runs, both wait disciplines, per-round-trip
 * samples, CPU accounting and the one output line per repetition the runner parses. */
#ifndef OFFLOADBENCH_COMMON_H
#define OFFLOADBENCH_COMMON_H
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* Every probe dies after this many seconds whatever happens: a bounded loop, even if a peer hangs. */
#define PROBE_ALARM_SECONDS 60
/* Round trips before each repetition's measured part (page faults, caches, the scheduler's first guess),
 * fewer when a large payload would take more than a quarter of the budget. */
#define WARMUP_ROUND_TRIPS 200
#define MAX_ROUND_TRIPS 2000000L
#define MAX_PAYLOAD (1L << 27)
/* A spinner yields after this many polls (some microseconds): free when no one else wants the core, and on an
 * oversubscribed machine it hands the core to the side it waits for instead of burning a whole time slice. */
#define SPINS_BEFORE_YIELD 1000

#if defined(__x86_64__) || defined(__i386__)
#define CPU_RELAX() __builtin_ia32_pause()
#else
#define CPU_RELAX() __asm__ __volatile__("" ::: "memory")
#endif

static inline long long clock_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline long long now_ns(void) { return clock_ns(CLOCK_MONOTONIC); }

static inline void die(const char *what) {
    fprintf(stderr, "%s: %s\n", what, strerror(errno));
    exit(1);
}

/* The memcpy probe's line: probe=... payloadBytes=... metric=... value=... n=... */
static inline void report(const char *probe, long payload, const char *metric, double value, long n) {
    printf("probe=%s payloadBytes=%ld metric=%s value=%.3f n=%ld\n", probe, payload, metric, value, n);
    fflush(stdout);
}

static inline void relax(long *spins) {
    if (++*spins > SPINS_BEFORE_YIELD) { sched_yield(); *spins = 0; } else { CPU_RELAX(); }
}

/* argv: wait(spin|park) payloadBytes maxRoundTrips maxMillis repetitions [free|one-cpu] */
struct probe_args {
    int spin;            /* 1: busy-poll a non-blocking channel or a flag; 0: block in the kernel */
    const char *wait;
    /* 1: both sides pinned to one CPU. A parked hand-off then wakes its peer on the CPU it frees (a context
     * switch) instead of waking another CPU, which on a VM whose other vCPU is idle costs an IPI and a halt
     * exit, 3-4x the switch (measured: 24 us p50 free, 6 us on one CPU). A model's threads may land either
     * way, so the floor a parked model is held against is the lower of the two placements. */
    int one_cpu;
    long payload;
    long max_round_trips; /* per repetition */
    long long budget_ns;  /* per repetition; at least one round trip is always measured */
    int repetitions;
};

/* Restricts this process to the first CPU it may run on. */
static inline void pin_to_one_cpu(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set)) die("sched_getaffinity");
    int cpu = -1;
    for (int i = 0; i < CPU_SETSIZE && cpu < 0; i++) if (CPU_ISSET(i, &set)) cpu = i;
    if (cpu < 0) die("no CPU in the affinity mask");
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set)) die("sched_setaffinity");
}

static inline struct probe_args parse_args(int argc, char **argv) {
    struct probe_args a;
    if (argc != 6 && argc != 7) {
        fprintf(stderr, "usage: %s spin|park payloadBytes maxRoundTrips maxMillis repetitions [free|one-cpu]\n",
                argv[0]);
        exit(2);
    }
    a.one_cpu = 0;
    if (argc == 7) {
        if (strcmp(argv[6], "one-cpu") == 0) a.one_cpu = 1;
        else if (strcmp(argv[6], "free") != 0) {
            fprintf(stderr, "bad placement '%s': valid are free, one-cpu\n", argv[6]);
            exit(2);
        }
    }
    if (strcmp(argv[1], "spin") == 0) a.spin = 1;
    else if (strcmp(argv[1], "park") == 0) a.spin = 0;
    else { fprintf(stderr, "bad wait '%s': valid are spin, park\n", argv[1]); exit(2); }
    a.wait = argv[1];
    a.payload = atol(argv[2]);
    a.max_round_trips = atol(argv[3]);
    a.budget_ns = atol(argv[4]) * 1000000LL;
    a.repetitions = atoi(argv[5]);
    if (a.payload < 1 || a.payload > MAX_PAYLOAD || a.max_round_trips < 1 || a.max_round_trips > MAX_ROUND_TRIPS
            || a.budget_ns < 1 || a.repetitions < 1 || a.repetitions > 100) {
        fprintf(stderr, "bad arguments: payloadBytes 1..%ld, maxRoundTrips 1..%ld, maxMillis >= 1, "
                "repetitions 1..100\n", MAX_PAYLOAD, MAX_ROUND_TRIPS);
        exit(2);
    }
    if (a.one_cpu) pin_to_one_cpu(); /* before any thread or child starts: they inherit it */
    alarm(PROBE_ALARM_SECONDS);
    return a;
}

/* Memory both processes of a probe see: the caller says where its warm-up ended, the worker's CPU time
 * from there on lands here before it exits. */
struct shared_page { volatile long warmup_round_trips; volatile long long worker_cpu_ns; char pad[48]; };

static inline void *shared_map(size_t bytes) {
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) die("mmap");
    return p;
}

static inline void set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) die("fcntl O_NONBLOCK");
}

/* Writes all bytes; on a non-blocking fd it spins on EAGAIN (the spinning discipline). */
static inline void full_write(int fd, const char *buf, size_t len) {
    long spins = 0;
    while (len > 0) {
        ssize_t w = write(fd, buf, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) { relax(&spins); continue; }
            die("write");
        }
        buf += w; len -= (size_t) w;
    }
}

/* Reads all bytes, 0 at end of stream; on a non-blocking fd it busy-polls. */
static inline int full_read(int fd, char *buf, size_t len) {
    long spins = 0;
    while (len > 0) {
        ssize_t r = read(fd, buf, len);
        if (r < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) { relax(&spins); continue; }
            die("read");
        }
        if (r == 0) return 0;
        buf += r; len -= (size_t) r;
    }
    return 1;
}

static int cmp_ll(const void *a, const void *b) {
    long long x = *(const long long *) a, y = *(const long long *) b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted samples (the definition HdrHistogram and JMH use, up to bucketing). */
static inline long long percentile(const long long *sorted, long n, double p) {
    long rank = (long) (p / 100.0 * (double) n + 0.999999999);
    if (rank < 1) rank = 1;
    if (rank > n) rank = n;
    return sorted[rank - 1];
}

/* The line the runner parses, one per repetition; cpuNs is both sides' CPU per round trip, summed. */
static inline void report_rep(const char *probe, const struct probe_args *a, int rep, long long *samples, long n,
                              long long caller_cpu_ns, long long worker_cpu_ns) {
    long long sum = 0;
    for (long i = 0; i < n; i++) sum += samples[i];
    qsort(samples, (size_t) n, sizeof samples[0], cmp_ll);
    printf("probe=%s wait=%s payloadBytes=%ld rep=%d n=%ld mean=%.1f p50=%lld p99=%lld max=%lld cpuNs=%.1f "
           "placement=%s\n", probe, a->wait, a->payload, rep, n, (double) sum / n, percentile(samples, n, 50),
           percentile(samples, n, 99), samples[n - 1], (double) (caller_cpu_ns + worker_cpu_ns) / n,
           a->one_cpu ? "one-cpu" : "free");
    fflush(stdout);
}

static inline long long *alloc_samples(const struct probe_args *a) {
    long long *s = malloc(sizeof(long long) * (size_t) a->max_round_trips);
    if (!s) die("malloc samples");
    return s;
}

static inline char *alloc_payload(long payload) {
    char *buf = malloc((size_t) payload);
    if (!buf) die("malloc payload");
    memset(buf, 1, (size_t) payload);
    return buf;
}

/* Whether the warm-up goes on: WARMUP_ROUND_TRIPS, cut to a quarter of the budget for large payloads. */
static inline int keep_warming(const struct probe_args *a, long done, long long started_ns) {
    return done < WARMUP_ROUND_TRIPS && (done == 0 || now_ns() - started_ns < a->budget_ns / 4);
}

/* Whether the measured loop goes on: bounded in count and time, at least one round trip. */
static inline int keep_going(const struct probe_args *a, long done, long long started_ns) {
    return done < a->max_round_trips && (done == 0 || now_ns() - started_ns < a->budget_ns);
}
#endif
