/* Round trip through a shared mapping between two processes (the hand-off of a shared-memory model):
 * futex wait/wake (park) or both sides polling the state word (spin). */
#include "handoff.h"
#include <sys/wait.h>

int main(int argc, char **argv) {
    struct probe_args a = parse_args(argc, argv);
    struct slot *s = shared_map(sizeof(struct slot) + (size_t) a.payload);
    char *buf = alloc_payload(a.payload);
    long long *samples = alloc_samples(&a);
    for (int rep = 0; rep < a.repetitions; rep++) {
        s->state = IDLE;
        s->worker_cpu_ns = 0;
        s->warmup_round_trips = -1;
        pid_t child = fork();
        if (child < 0) die("fork");
        if (child == 0) {
            handoff_worker(s, &a, buf, CLOCK_PROCESS_CPUTIME_ID);
            _exit(0);
        }
        long long caller_cpu;
        long n = handoff_caller(s, &a, buf, samples, CLOCK_PROCESS_CPUTIME_ID, &caller_cpu);
        int status;
        if (waitpid(child, &status, 0) < 0) die("waitpid");
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) { fprintf(stderr, "worker failed\n"); return 1; }
        report_rep("shared-memory", &a, rep, samples, n, caller_cpu, s->worker_cpu_ns);
    }
    return 0;
}
