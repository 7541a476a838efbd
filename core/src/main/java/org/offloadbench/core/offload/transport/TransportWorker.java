package org.offloadbench.core.offload.transport;

import java.io.IOException;
import java.time.Duration;

import org.offloadbench.core.offload.Task;

/**
 * One started worker of a {@link Transport}: sends requests, delivers answers to the {@link Answers} the pool
 * gives it, and can be told to stop or killed. Alive means its answer stream is open; the transport reports
 * the end of that stream, whatever the cause, exactly once through {@link Answers#gone}.
 */
public interface TransportWorker {

    /** The operating-system process id, or -1 when the worker is not a local process. */
    long pid();

    /** Starts delivering answers, from a thread of the transport's own; called once, when the pool adopts it. */
    void startReading(Answers answers);

    /**
     * Sends one request. Called by the pool without its lock, at most {@code inFlightPerWorker} at a time.
     *
     * @param input the bytes to send; a pool copy or the caller's array, never changed during the send
     * @throws IOException when the worker is dying: the transport will report it through {@link Answers#gone}
     */
    void send(long requestId, Task task, byte[] input) throws IOException;

    /** Whether it still runs (its process is alive, its connection open). */
    boolean isAlive();

    /** Kills it at once; its answer stream then ends and {@link Answers#gone} follows. */
    void kill();

    /** Asks an idle worker to exit on its own (an end of input, a goodbye frame). */
    void shutdownGracefully() throws IOException;

    /** Waits for it to exit up to {@code grace}, then kills it; reaps it and releases its resources. */
    void close(Duration grace);

    /** Waits, bounded, until its reading thread has delivered its last answer. */
    void awaitReaderDone();

    /**
     * After its answer stream ended: its exit status and its last words (stderr), waiting a little for them,
     * for the messages of the tasks it took with it. Starts with a space, e.g. {@code " (exit code 137...)"}.
     */
    String deathReport();
}
