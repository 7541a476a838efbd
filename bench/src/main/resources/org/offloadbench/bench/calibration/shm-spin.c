/* Round trip through shared memory between two processes, both spinning on an atomic flag (the
 * busy-wait strategy of a shared-memory model). On two cores each spinner owns a core; after a long
 * spin it yields, so a one-core machine still finishes (slowly) instead of live-locking. */
#include "common.h"
#include <sched.h>
#include <sys/mman.h>
#include <sys/wait.h>

#if defined(__x86_64__) || defined(__i386__)
#define CPU_RELAX() __builtin_ia32_pause()
#else
#define CPU_RELAX() __asm__ __volatile__("" ::: "memory")
#endif

struct slot { volatile int state; char pad[60]; char data[]; };

static void wait_for(volatile int *state, int value) {
    long spins = 0;
    while (__atomic_load_n(state, __ATOMIC_ACQUIRE) != value) {
        if (++spins > 100000) { sched_yield(); spins = 0; } else { CPU_RELAX(); }
    }
}

int main(int argc, char **argv) {
    long payload, iterations;
    args(argc, argv, &payload, &iterations);
    struct slot *slot = mmap(NULL, sizeof(struct slot) + (size_t) payload, PROT_READ | PROT_WRITE,
                             MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (slot == MAP_FAILED) die("mmap");
    char *buf = malloc((size_t) payload);
    memset(buf, 1, (size_t) payload);
    long total = iterations + 1000;
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        for (long i = 0; i < total; i++) {
            wait_for(&slot->state, 1);
            memcpy(buf, slot->data, (size_t) payload);     /* take the request */
            memcpy(slot->data, buf, (size_t) payload);     /* write the reply */
            __atomic_store_n(&slot->state, 2, __ATOMIC_RELEASE);
        }
        _exit(0);
    }
    long long start = 0;
    for (long i = 0; i < total; i++) {
        if (i == 1000) start = now_ns();
        memcpy(slot->data, buf, (size_t) payload);
        __atomic_store_n(&slot->state, 1, __ATOMIC_RELEASE);
        wait_for(&slot->state, 2);
        memcpy(buf, slot->data, (size_t) payload);
    }
    long long elapsed = now_ns() - start;
    waitpid(child, NULL, 0);
    report("shm-spin", payload, "floor-round-trip", (double) elapsed / iterations, iterations);
    return 0;
}
