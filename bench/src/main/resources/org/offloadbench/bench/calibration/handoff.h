/* A hand-off through memory both sides see (a shared mapping between processes, or one process's heap
 * between threads): the caller writes the request and flips a state word, the worker copies it in and
 * writes the reply back. park = futex wait/wake on the state word; spin = both sides poll it. */
#ifndef OFFLOADBENCH_HANDOFF_H
#define OFFLOADBENCH_HANDOFF_H
#include "common.h"
#include <linux/futex.h>
#include <sys/syscall.h>

enum { IDLE = 0, REQUEST = 1, REPLY = 2, STOP = 3 };

struct slot {
    int state;
    char pad1[60];
    long warmup_round_trips; /* set by the caller before its first measured request; -1 until then */
    long long worker_cpu_ns;
    char pad2[48];
    char data[];
};

/* Waits until the state word is one of two values. */
static inline int await_state(int *state, int want, int or_want, int spin) {
    long spins = 0;
    for (;;) {
        int v = __atomic_load_n(state, __ATOMIC_ACQUIRE);
        if (v == want || v == or_want) return v;
        if (spin) relax(&spins);
        else syscall(SYS_futex, state, FUTEX_WAIT, v, NULL, NULL, 0); /* shared: works across processes */
    }
}

static inline void publish(int *state, int value, int spin) {
    __atomic_store_n(state, value, __ATOMIC_RELEASE);
    if (!spin) syscall(SYS_futex, state, FUTEX_WAKE, 1, NULL, NULL, 0);
}

/* The worker's side until STOP; its CPU clock (process or thread) from the end of the warm-up. */
static inline void handoff_worker(struct slot *s, const struct probe_args *a, char *buf, clockid_t cpu_clock) {
    long served = 0;
    long long cpu0 = clock_ns(cpu_clock);
    while (await_state(&s->state, REQUEST, STOP, a->spin) == REQUEST) {
        if (served++ == __atomic_load_n(&s->warmup_round_trips, __ATOMIC_ACQUIRE)) cpu0 = clock_ns(cpu_clock);
        memcpy(buf, s->data, (size_t) a->payload);  /* take the request */
        memcpy(s->data, buf, (size_t) a->payload);  /* write the reply */
        publish(&s->state, REPLY, a->spin);
    }
    s->worker_cpu_ns = clock_ns(cpu_clock) - cpu0;
}

static inline void handoff_round_trip(struct slot *s, const struct probe_args *a, char *buf) {
    memcpy(s->data, buf, (size_t) a->payload);
    publish(&s->state, REQUEST, a->spin);
    await_state(&s->state, REPLY, REPLY, a->spin);
    memcpy(buf, s->data, (size_t) a->payload);
}

/* The caller's side of one repetition; returns the number of measured round trips. */
static inline long handoff_caller(struct slot *s, const struct probe_args *a, char *buf, long long *samples,
                                  clockid_t cpu_clock, long long *caller_cpu_ns) {
    long warm = 0;
    for (long long warm_start = now_ns(); keep_warming(a, warm, warm_start); warm++) handoff_round_trip(s, a, buf);
    __atomic_store_n(&s->warmup_round_trips, warm, __ATOMIC_RELEASE);
    long long cpu0 = clock_ns(cpu_clock);
    long long started = now_ns();
    long n = 0;
    while (keep_going(a, n, started)) {
        long long t0 = now_ns();
        handoff_round_trip(s, a, buf);
        samples[n++] = now_ns() - t0;
    }
    *caller_cpu_ns = clock_ns(cpu_clock) - cpu0;
    publish(&s->state, STOP, a->spin);
    return n;
}
#endif
