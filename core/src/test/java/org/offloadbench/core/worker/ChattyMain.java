package org.offloadbench.core.worker;

/** Writes far more than a pipe buffer holds to stderr, then exits: it only finishes if stderr is drained. */
public final class ChattyMain {
    private ChattyMain() {
    }

    public static void main(String[] args) {
        int lines = Integer.parseInt(args[0]);
        String filler = "x".repeat(100);
        for (int i = 0; i < lines; i++) {
            System.err.println("line " + i + " " + filler);
        }
        System.err.print("a very long last line " + "y".repeat(10_000));
        System.err.flush();
    }
}
