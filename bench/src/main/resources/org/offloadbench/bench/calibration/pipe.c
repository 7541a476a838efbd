/* Round trip over two pipes between two processes: the floor of a child-process model's hand-off. */
#include "stream.h"

static void open_pipes(int fd[4]) {
    int there[2], back[2];
    if (pipe(there) || pipe(back)) die("pipe");
    fd[0] = there[1]; fd[1] = back[0]; fd[2] = back[1]; fd[3] = there[0];
}

int main(int argc, char **argv) { return stream_probe("pipe", argc, argv, open_pipes); }
