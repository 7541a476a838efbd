/* Round trip over a Unix domain stream socket between two processes. */
#include "common.h"
#include <sys/socket.h>
#include <sys/wait.h>

int main(int argc, char **argv) {
    long payload, iterations;
    args(argc, argv, &payload, &iterations);
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) die("socketpair");
    char *buf = malloc((size_t) payload);
    memset(buf, 1, (size_t) payload);
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        close(sv[0]);
        while (full_read(sv[1], buf, (size_t) payload)) full_write(sv[1], buf, (size_t) payload);
        _exit(0);
    }
    close(sv[1]);
    for (int i = 0; i < 1000; i++) { full_write(sv[0], buf, (size_t) payload); full_read(sv[0], buf, (size_t) payload); }
    long long start = now_ns();
    for (long i = 0; i < iterations; i++) {
        full_write(sv[0], buf, (size_t) payload);
        if (!full_read(sv[0], buf, (size_t) payload)) die("peer closed");
    }
    long long elapsed = now_ns() - start;
    shutdown(sv[0], SHUT_WR);
    waitpid(child, NULL, 0);
    report("unix-socket", payload, "floor-round-trip", (double) elapsed / iterations, iterations);
    return 0;
}
