package org.offloadbench.shm.slot;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Doorbell between threads of one JVM: {@link LockSupport#park} / {@link LockSupport#unpark}, the JDK's
 * futex-backed hand-off. The waiter registers itself before re-checking its condition, so a ring between
 * the check and the park leaves a permit and is never lost.
 */
public final class ThreadDoorbell implements Doorbell {
    private volatile Thread waiter;

    @Override
    public void ring() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public boolean await(BooleanSupplier done) {
        waiter = Thread.currentThread();
        try {
            while (!done.getAsBoolean()) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    // an interrupt is not a ring: return so the caller re-checks its state and abort flag
                    return true;
                }
            }
            return true;
        } finally {
            waiter = null;
        }
    }
}
