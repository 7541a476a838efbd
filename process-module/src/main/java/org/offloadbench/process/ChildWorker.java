package org.offloadbench.process;

import java.util.LinkedHashMap;
import java.util.Map;
import org.offloadbench.core.wire.FrameWriter;
import org.offloadbench.core.worker.ChildJvm;

/** One child JVM of the pool: its process, its frame writer and the tasks it runs. */
final class ChildWorker {

    /** Lifecycle as the pool sees it; changed under the pool's lock. */
    enum State {
        /** Takes tasks. */
        READY,
        /** Killed or closed on purpose by the pool (timeout, cancel, garbage, close); its exit is no crash. */
        RETIRING,
        /** Gone and accounted for. */
        DEAD
    }

    final ChildJvm jvm;
    final FrameWriter writer;
    final long spawnNanos;
    final long readyNanos;
    /** Guarded by the pool's lock. */
    final Map<Long, PendingTask> inFlight = new LinkedHashMap<>();
    /** Guarded by the pool's lock. */
    State state = State.READY;
    /** Why the pool retired it, for the messages of tasks it had; guarded by the pool's lock. */
    String retireReason;
    /** Whether a replacement was already asked for; guarded by the pool's lock. */
    boolean replacementScheduled;
    volatile long firstResultNanos = -1L;
    Thread reader;

    ChildWorker(ChildJvm jvm, FrameWriter writer, long spawnNanos, long readyNanos) {
        this.jvm = jvm;
        this.writer = writer;
        this.spawnNanos = spawnNanos;
        this.readyNanos = readyNanos;
    }

    long pid() {
        return jvm.pid();
    }

    @Override
    public String toString() {
        return "child " + jvm.pid();
    }
}
