package org.offloadbench.shm.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Liveness of the in-process doorbell under the slot's own memory ordering (release store of the state,
 * then ring; register, then acquire load of the state): many back-to-back hand-offs between two threads.
 * A lost wake-up parks one side for good, and the timeout fails the test.
 */
class ThreadDoorbellTest {

    private static final VarHandle TURN;

    static {
        try {
            TURN = MethodHandles.lookup().findVarHandle(ThreadDoorbellTest.class, "turn", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** 0: the caller's turn, 1: the worker's; written with release stores like a slot's state. */
    private int turn;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void noHandOffIsLostInManyRoundTrips() throws InterruptedException {
        int rounds = 100_000;
        ThreadDoorbell toWorker = new ThreadDoorbell();
        ThreadDoorbell toCaller = new ThreadDoorbell();
        Thread worker = new Thread(() -> {
            for (int i = 0; i < rounds; i++) {
                toWorker.await(() -> (int) TURN.getAcquire(this) == 1);
                TURN.setRelease(this, 0);
                toCaller.ring();
            }
        }, "doorbell-test-worker");
        worker.setDaemon(true);
        worker.start();
        for (int i = 0; i < rounds; i++) {
            TURN.setRelease(this, 1);
            toWorker.ring();
            toCaller.await(() -> (int) TURN.getAcquire(this) == 0);
        }
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(0, (int) TURN.getAcquire(this));
    }
}
