package org.offloadbench.shm.slot;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Doorbell between threads of one JVM: {@link LockSupport#park} / {@link LockSupport#unpark}, the JDK's
 * futex-backed hand-off. The waiter registers itself before re-checking its condition, so a ring between
 * the check and the park leaves a permit and is never lost.
 *
 * <p>Both sides need a full fence between their store and their load (a Dekker pair): the ringer stores the
 * slot state with a release store, then loads {@link #waiter}; the waiter stores {@link #waiter}, then loads
 * the state. A release store may still sit in the store buffer while the following load runs, so without
 * the fence the ringer can read "nobody waits" while the waiter reads the old state and parks: a lost
 * wake-up, seen as a task that never finished (once in a few saturation runs of shm/in-process).
 */
public final class ThreadDoorbell implements Doorbell {
    private volatile Thread waiter;

    @Override
    public void ring() {
        VarHandle.fullFence(); // the caller's state store before the waiter load
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public boolean await(BooleanSupplier done) {
        waiter = Thread.currentThread();
        VarHandle.fullFence(); // the waiter store before the state loads in done
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
