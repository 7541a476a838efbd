package org.offloadbench.shm.slot;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The wake-up of the {@link WaitStrategy#PARK} strategy: the writer rings after its release store of the
 * state word; the waiter blocks until rung. Data never travels through a doorbell, only the wake-up.
 */
public interface Doorbell {

    /** Wakes the other side. */
    void ring() throws IOException;

    /**
     * Blocks until rung or until {@code done} holds; may return early (the caller re-checks the state).
     *
     * @return false when the waiter should give up (interrupted or told to stop)
     * @throws IOException when the ringing side is gone (end of its pipe)
     */
    boolean await(BooleanSupplier done) throws IOException;

    /** A doorbell for strategies that never block; ringing it costs nothing. */
    Doorbell NONE = new Doorbell() {
        @Override
        public void ring() {
        }

        @Override
        public boolean await(BooleanSupplier done) {
            throw new IllegalStateException("this wait strategy has no doorbell; use PARK with a real one");
        }
    };
}
