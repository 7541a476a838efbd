/* Round trip handed to another thread of the same process and back (the hand-off of a thread pool):
 * futex wait/wake, what a parked thread or a blocking queue costs (park), or both threads polling (spin). */
#include "handoff.h"
#include <pthread.h>

struct worker_args { struct slot *slot; const struct probe_args *args; char *buf; };

static void *worker_main(void *p) {
    struct worker_args *w = p;
    handoff_worker(w->slot, w->args, w->buf, CLOCK_THREAD_CPUTIME_ID);
    return NULL;
}

int main(int argc, char **argv) {
    struct probe_args a = parse_args(argc, argv);
    struct slot *s = aligned_alloc(64, (sizeof(struct slot) + (size_t) a.payload + 63) / 64 * 64);
    if (!s) die("aligned_alloc");
    char *buf = alloc_payload(a.payload);
    char *worker_buf = alloc_payload(a.payload);
    long long *samples = alloc_samples(&a);
    for (int rep = 0; rep < a.repetitions; rep++) {
        s->state = IDLE;
        s->worker_cpu_ns = 0;
        s->warmup_round_trips = -1;
        struct worker_args w = { s, &a, worker_buf };
        pthread_t thread;
        if (pthread_create(&thread, NULL, worker_main, &w)) { fprintf(stderr, "pthread_create failed\n"); return 1; }
        long long caller_cpu;
        long n = handoff_caller(s, &a, buf, samples, CLOCK_THREAD_CPUTIME_ID, &caller_cpu);
        if (pthread_join(thread, NULL)) { fprintf(stderr, "pthread_join failed\n"); return 1; }
        report_rep("thread-handoff", &a, rep, samples, n, caller_cpu, s->worker_cpu_ns);
    }
    return 0;
}
