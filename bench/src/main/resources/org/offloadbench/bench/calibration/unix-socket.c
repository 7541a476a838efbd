/* Round trip over a Unix domain stream socket between two processes. */
#include "stream.h"
#include <sys/socket.h>

static void open_socketpair(int fd[4]) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) die("socketpair");
    fd[0] = fd[1] = sv[0];
    fd[2] = fd[3] = sv[1];
}

int main(int argc, char **argv) { return stream_probe("unix-socket", argc, argv, open_socketpair); }
