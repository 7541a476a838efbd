package org.offloadbench.shm.worker;

import java.time.Duration;
import org.offloadbench.shm.slot.Doorbell;
import org.offloadbench.shm.slot.Slot;

/** The parent's handle on one worker serving one slot: a thread of this JVM or a child JVM. */
public interface ShmWorker {

    /** Thread name or child pid, for results and messages. */
    String id();

    Slot slot();

    /** Rung by the parent after publishing a request. */
    Doorbell toWorker();

    /** Waited on by the parent for a response. */
    Doorbell fromWorker();

    boolean isAlive();

    /**
     * Stops whatever it is running now, hard: a child is killed, a thread is interrupted. Returns at once;
     * {@link #awaitStopped(Duration)} says whether it took effect.
     */
    void stopTask();

    /** Waits for the task to stop (a thread's slot leaves CLAIMED, a child exits); true when it did. */
    boolean awaitStopped(Duration wait);

    /** Why it died, for messages (exit code and stderr tail of a child); empty while alive. */
    String deathNote();

    /** Ends the worker for good (it is idle or has been stopped). */
    void close(Duration grace);
}
