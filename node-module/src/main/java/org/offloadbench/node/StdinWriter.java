package org.offloadbench.node;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one thread that writes to node's stdin for everyone but a submitter sending straight to node: tasks that
 * waited in the JVM, and cancels. The thread that reads node's answers must never write, because node writes
 * its answers with a blocking write: a reader blocked on a full stdin while node is blocked on a full stdout
 * is a deadlock.
 */
final class StdinWriter implements AutoCloseable {
    private final ExecutorService thread;

    StdinWriter(String name) {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code write} on the writer thread, after what was handed to it before; nothing once closed. */
    void run(Runnable write) {
        try {
            thread.execute(write);
        } catch (RejectedExecutionException e) {
            // closed: node is stopped and nothing is left to send
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
