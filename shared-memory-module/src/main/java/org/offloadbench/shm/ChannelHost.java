package org.offloadbench.shm;

import java.io.IOException;
import org.offloadbench.core.worker.StartRetry;
import org.offloadbench.shm.slot.Slot;
import org.offloadbench.shm.worker.ShmWorker;
import org.offloadbench.shm.worker.ThreadWorker;

/** What a {@link Channel} needs from the model it belongs to, and nothing more. */
interface ChannelHost {

    /** The model's name, for messages. */
    String name();

    /** Close has begun stopping: no worker is started and no task retried any more. */
    boolean isStopping();

    /** How a worker is started again when it dies or fails while starting: with backoff, a few times. */
    StartRetry startRetry();

    /** Whether a task whose worker died on its {@code attempt}-th run goes once more (not while stopping). */
    boolean mayRetry(int attempt);

    /** Starts a worker serving {@code slot} for {@code channel}, ready when this returns. */
    ShmWorker startWorker(Channel channel, Slot slot) throws IOException;

    /** A spare slot, or null when none is free. */
    Slot takeSpareSlot();

    /** Leaves a worker thread that ignores interruption its slot; the slot comes back when it ends. */
    void abandon(ThreadWorker worker);

    /** A call was published (the watchdog starts watching a timed one). */
    void callStarted(Call call);

    /** A call's round trip ended, answered or not. */
    void callFinished(Call call);

    /** A dead or killed worker was replaced. */
    void respawned();

    /** A task was re-run once after its worker died. */
    void retried();
}
