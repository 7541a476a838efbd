/* Round trip over TCP on the loopback interface (TCP_NODELAY), between two processes. */
#include "stream.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static void open_loopback(int fd[4]) {
    int server = socket(AF_INET, SOCK_STREAM, 0);
    if (server < 0) die("socket");
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* loopback only */
    addr.sin_port = 0;
    if (bind(server, (struct sockaddr *) &addr, sizeof addr) || listen(server, 1)) die("bind/listen");
    socklen_t len = sizeof addr;
    if (getsockname(server, (struct sockaddr *) &addr, &len)) die("getsockname");
    int client = socket(AF_INET, SOCK_STREAM, 0);
    if (client < 0) die("socket");
    /* the kernel completes a loopback connect into the backlog, so one thread can do both ends */
    if (connect(client, (struct sockaddr *) &addr, sizeof addr)) die("connect");
    int accepted = accept(server, NULL, NULL);
    if (accepted < 0) die("accept");
    close(server);
    int one = 1;
    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(accepted, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fd[0] = fd[1] = accepted;
    fd[2] = fd[3] = client;
}

int main(int argc, char **argv) { return stream_probe("tcp", argc, argv, open_loopback); }
