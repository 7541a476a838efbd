/* Round trip handed off with futex wait/wake between two processes sharing memory: the floor of any
 * blocking hand-off (a parked thread, a condition variable, a blocking queue). */
#include "common.h"
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static void futex_wait(int *addr, int expected) {
    while (__atomic_load_n(addr, __ATOMIC_ACQUIRE) == expected) {
        syscall(SYS_futex, addr, FUTEX_WAIT, expected, NULL, NULL, 0);
    }
}

static void futex_set(int *addr, int value) {
    __atomic_store_n(addr, value, __ATOMIC_RELEASE);
    syscall(SYS_futex, addr, FUTEX_WAKE, 1, NULL, NULL, 0);
}

int main(int argc, char **argv) {
    long payload, iterations;
    args(argc, argv, &payload, &iterations);
    char *shared = mmap(NULL, 64 + (size_t) payload, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) die("mmap");
    int *turn = (int *) shared; /* 0: caller's turn, 1: worker's turn */
    char *data = shared + 64;
    char *buf = malloc((size_t) payload);
    memset(buf, 1, (size_t) payload);
    long total = iterations + 1000;
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        for (long i = 0; i < total; i++) {
            futex_wait(turn, 0);
            memcpy(buf, data, (size_t) payload);
            memcpy(data, buf, (size_t) payload);
            futex_set(turn, 0);
        }
        _exit(0);
    }
    long long start = 0;
    for (long i = 0; i < total; i++) {
        if (i == 1000) start = now_ns();
        memcpy(data, buf, (size_t) payload);
        futex_set(turn, 1);
        futex_wait(turn, 1);
        memcpy(buf, data, (size_t) payload);
    }
    long long elapsed = now_ns() - start;
    waitpid(child, NULL, 0);
    report("futex", payload, "floor-round-trip", (double) elapsed / iterations, iterations);
    return 0;
}
