package org.offloadbench.shm;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.shm.slot.Slot;

/**
 * Enforces per-task timeouts from the start of execution: it notes when a timed call's slot is first seen
 * CLAIMED (within one {@link #SCAN_NANOS} period) and stops the call once its timeout has passed since.
 * It sleeps while no timed call runs, so untimed benchmarks pay nothing for it.
 */
final class Watchdog implements Runnable {
    static final long SCAN_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final List<Channel> channels;
    private final Set<Call> timed = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean stop;

    Watchdog(String name, List<Channel> channels) {
        this.channels = channels;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void started(Call call) {
        if (call.timeoutNanos > 0) {
            timed.add(call);
            LockSupport.unpark(thread);
        }
    }

    void finished(Call call) {
        if (call.timeoutNanos > 0) {
            timed.remove(call);
        }
    }

    @Override
    public void run() {
        while (!stop) {
            if (timed.isEmpty()) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(200));
                continue;
            }
            long now = System.nanoTime();
            for (Channel channel : channels) {
                Call call = channel.current();
                if (call == null || call.timeoutNanos <= 0 || !timed.contains(call)) {
                    continue;
                }
                int state = channel.slot().state();
                if (call.claimSeenNanos == 0L) {
                    if (state == Slot.CLAIMED || state == Slot.RESPONSE_WRITTEN) {
                        call.claimSeenNanos = now;
                    }
                } else if (now - call.claimSeenNanos > call.timeoutNanos) {
                    channel.abort(call, FailureKind.TIMED_OUT);
                }
            }
            LockSupport.parkNanos(this, SCAN_NANOS);
        }
    }

    void stop() {
        stop = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
