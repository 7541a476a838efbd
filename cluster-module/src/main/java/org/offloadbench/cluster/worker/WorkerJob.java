package org.offloadbench.cluster.worker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.offloadbench.core.wire.Frame;

/**
 * One request accepted by {@link TaskDispatcher} (a handle for {@link TaskDispatcher#cancel}): its answer
 * callback and where it is. Its fields are the dispatcher's; the comments say who guards which.
 */
public final class WorkerJob {
    final Frame.Request request;
    final Consumer<Frame> onAnswer;
    Runnable onStart;
    final long enqueuedNanos;
    final AtomicBoolean answered = new AtomicBoolean();
    final AtomicBoolean slotFreed = new AtomicBoolean();
    final CountDownLatch begun = new CountDownLatch(1);
    Thread thread;
    boolean stopped;
    /** Written under the job's lock; volatile so that the watchdog may read it without. */
    volatile boolean finished;

    static final int RUNNING_INLINE = 0;
    static final int DONE_INLINE = 1;
    static final int HANDED_OFF = 2;
    /** Inline jobs: whoever moves it off RUNNING_INLINE first decides who keeps the connection. */
    final AtomicInteger phase = new AtomicInteger(RUNNING_INLINE);
    final CountDownLatch handedOff = new CountDownLatch(1);
    boolean inline;
    Runnable onHandOff;
    InlineWatchdog.Watched watch;
    long handOffAtNanos;
    long deadlineNanos;

    WorkerJob(Frame.Request request, Consumer<Frame> onAnswer, long enqueuedNanos) {
        this.request = request;
        this.onAnswer = onAnswer;
        this.enqueuedNanos = enqueuedNanos;
    }
}
