/* Round trip over two pipes between two processes: the floor of a child-process model's hand-off. */
#include "common.h"
#include <sys/wait.h>

int main(int argc, char **argv) {
    long payload, iterations;
    args(argc, argv, &payload, &iterations);
    int there[2], back[2];
    if (pipe(there) || pipe(back)) die("pipe");
    char *buf = malloc((size_t) payload);
    memset(buf, 1, (size_t) payload);
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        close(there[1]); close(back[0]);
        while (full_read(there[0], buf, (size_t) payload)) full_write(back[1], buf, (size_t) payload);
        _exit(0);
    }
    close(there[0]); close(back[1]);
    for (int i = 0; i < 1000; i++) { full_write(there[1], buf, (size_t) payload); full_read(back[0], buf, (size_t) payload); }
    long long start = now_ns();
    for (long i = 0; i < iterations; i++) {
        full_write(there[1], buf, (size_t) payload);
        if (!full_read(back[0], buf, (size_t) payload)) die("peer closed");
    }
    long long elapsed = now_ns() - start;
    close(there[1]);
    waitpid(child, NULL, 0);
    report("pipe", payload, "floor-round-trip", (double) elapsed / iterations, iterations);
    return 0;
}
