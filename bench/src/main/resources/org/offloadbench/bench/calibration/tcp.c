/* Round trip over TCP on the loopback interface (TCP_NODELAY), between two processes. */
#include "common.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/wait.h>

int main(int argc, char **argv) {
    long payload, iterations;
    args(argc, argv, &payload, &iterations);
    int server = socket(AF_INET, SOCK_STREAM, 0);
    if (server < 0) die("socket");
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* loopback only */
    addr.sin_port = 0;
    if (bind(server, (struct sockaddr *) &addr, sizeof addr) || listen(server, 1)) die("bind/listen");
    socklen_t len = sizeof addr;
    if (getsockname(server, (struct sockaddr *) &addr, &len)) die("getsockname");
    char *buf = malloc((size_t) payload);
    memset(buf, 1, (size_t) payload);
    int one = 1;
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        close(server);
        int c = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(c, (struct sockaddr *) &addr, sizeof addr)) die("connect");
        setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        while (full_read(c, buf, (size_t) payload)) full_write(c, buf, (size_t) payload);
        _exit(0);
    }
    int s = accept(server, NULL, NULL);
    if (s < 0) die("accept");
    close(server);
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    for (int i = 0; i < 1000; i++) { full_write(s, buf, (size_t) payload); full_read(s, buf, (size_t) payload); }
    long long start = now_ns();
    for (long i = 0; i < iterations; i++) {
        full_write(s, buf, (size_t) payload);
        if (!full_read(s, buf, (size_t) payload)) die("peer closed");
    }
    long long elapsed = now_ns() - start;
    shutdown(s, SHUT_WR);
    waitpid(child, NULL, 0);
    report("tcp", payload, "floor-round-trip", (double) elapsed / iterations, iterations);
    return 0;
}
