package org.offloadbench.threads.support;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import org.offloadbench.core.offload.support.TaskHandle;

/**
 * Long-lived platform threads, one per slot, each serving its slot's inbox. The platform pool gives every
 * slot the same queue; the mailbox model gives each its own. When a thread is abandoned (stuck in a task
 * that ignores interrupts), a fresh thread takes over its slot and inbox, so queued work is never stranded.
 *
 * <p>Threads are daemon threads named {@code <model>-worker-<slot>[.<generation>]}: a forgotten offloader
 * does not keep the JVM alive, and an abandoned thread is recognisable in a thread dump.
 */
public final class DedicatedWorkers {

    /** One worker position: an inbox and the thread currently serving it. */
    public static final class Slot {
        private final int index;
        private final BlockingQueue<TaskHandle> inbox;
        private volatile Thread thread;
        private final AtomicInteger pending = new AtomicInteger();
        private int generation; // guarded by the DedicatedWorkers instance

        Slot(int index, BlockingQueue<TaskHandle> inbox) {
            this.index = index;
            this.inbox = inbox;
        }

        /**
         * Posts a task to this slot's inbox. Its load counts the task until it ends (result, failure, cancel,
         * timeout), and stops counting before the task's future completes.
         */
        public void post(TaskHandle handle) {
            pending.incrementAndGet();
            handle.onEnd(pending::decrementAndGet);
            inbox.add(handle);
        }

        /** Tasks posted here that have not ended (waiting or running), for least-loaded dispatch. */
        public int load() {
            return pending.get();
        }

        public int index() {
            return index;
        }
    }

    private final String namePrefix;
    private final Slot[] slots;
    private final AtomicInteger serving = new AtomicInteger();
    private volatile boolean stopping;

    public DedicatedWorkers(String namePrefix, int workers, IntFunction<BlockingQueue<TaskHandle>> inboxForSlot) {
        this.namePrefix = namePrefix;
        this.slots = new Slot[workers];
        for (int i = 0; i < workers; i++) {
            slots[i] = new Slot(i, inboxForSlot.apply(i));
        }
    }

    /** Starts one thread per slot; they are ready (blocked on their inbox) when this returns. */
    public synchronized void start() {
        for (Slot slot : slots) {
            startThread(slot);
        }
    }

    public Slot slot(int index) {
        return slots[index];
    }

    public int size() {
        return slots.length;
    }

    /** Threads serving a slot now. */
    public int serving() {
        return serving.get();
    }

    /**
     * Gives the slot of an abandoned thread to a fresh thread.
     *
     * @return true when a replacement started; false while stopping or when the thread holds no slot
     */
    public synchronized boolean replace(Thread stuck) {
        for (Slot slot : slots) {
            if (slot.thread == stuck) {
                serving.decrementAndGet();
                if (stopping) {
                    return false;
                }
                startThread(slot);
                return true;
            }
        }
        return false;
    }

    /** Asks every thread to exit and waits for them until the deadline. */
    public void stop(long deadlineNanos, LongSupplier nanoTime) throws InterruptedException {
        Thread[] threads;
        synchronized (this) {
            stopping = true;
            threads = new Thread[slots.length];
            for (int i = 0; i < slots.length; i++) {
                threads[i] = slots[i].thread;
                threads[i].interrupt();
            }
        }
        for (Thread t : threads) {
            long left = deadlineNanos - nanoTime.getAsLong();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
        }
    }

    private void startThread(Slot slot) {
        int generation = slot.generation++;
        String name = namePrefix + "-worker-" + (slot.index + 1) + (generation == 0 ? "" : "." + generation);
        Thread thread = new Thread(() -> serve(slot), name);
        thread.setDaemon(true);
        slot.thread = thread;
        serving.incrementAndGet();
        thread.start();
    }

    private void serve(Slot slot) {
        Thread self = Thread.currentThread();
        // order matters: runHere clears a stale interrupt before we read stopping, and stop() sets stopping
        // before it interrupts, so a stop request can never be lost between two tasks
        while (!stopping) {
            TaskHandle handle;
            try {
                handle = slot.inbox.take();
            } catch (InterruptedException e) {
                continue; // stop() interrupts to wake us; the loop condition decides
            }
            if (handle.runHere(self.getName())) {
                return; // abandoned: replace() already handed the slot to a new thread and counted us out
            }
        }
        serving.decrementAndGet();
    }
}
