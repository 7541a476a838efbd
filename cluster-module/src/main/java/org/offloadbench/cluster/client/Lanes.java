package org.offloadbench.cluster.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The client's lane threads and the queue they take from: each lane takes the next item and runs it to its
 * end, blocking on its connection, so at most {@code count} requests are in flight.
 *
 * <p>The queue is not a {@code LinkedBlockingQueue}: its {@code add} signals a parked lane while holding the
 * lane's lock, so the woken lane blocked again on that lock (measured with strace: two more futex calls and a
 * second wake-up per request). Here {@link #add} unparks one idle lane after the item is queued.
 */
final class Lanes<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedDeque<Thread> idle = new ConcurrentLinkedDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Consumer<T> runner;
    private volatile boolean stopping;

    /** Starts {@code count} daemon lanes named {@code namePrefix-lane-N}; each runs items with {@code runner}. */
    Lanes(int count, String namePrefix, Consumer<T> runner) {
        this.runner = runner;
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::loop, namePrefix + "-lane-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** Queues an item and wakes one idle lane. */
    void add(T item) {
        queue.add(item);
        Thread lane = idle.pollFirst();
        if (lane != null) {
            LockSupport.unpark(lane);
        }
    }

    /** Takes an item out of the queue (a cancelled one); false when a lane already took it. */
    boolean remove(T item) {
        return queue.remove(item);
    }

    /** Takes every queued item out (close fails them). */
    List<T> drain() {
        List<T> out = new ArrayList<>();
        for (T item; (item = queue.poll()) != null; ) {
            out.add(item);
        }
        return out;
    }

    private void loop() {
        while (true) {
            T item;
            try {
                item = take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == null) {
                return; // stopping and nothing left
            }
            runner.accept(item);
        }
    }

    /** The next item; parks while there is none (announced in {@code idle} first, so no wake-up is lost). */
    private T take() throws InterruptedException {
        Thread me = Thread.currentThread();
        while (true) {
            T item = queue.poll();
            if (item != null || stopping) {
                return item;
            }
            idle.addFirst(me);
            item = queue.poll(); // re-check: an item added before we were listed found no lane to unpark
            if (item != null || stopping) {
                idle.remove(me);
                return item;
            }
            LockSupport.park(this);
            idle.remove(me); // a spurious wake-up leaves us listed
            if (Thread.interrupted()) {
                throw new InterruptedException(me.getName() + " interrupted");
            }
        }
    }

    /**
     * Lets every lane finish the item it runs and end (items still queued are run first; close has failed
     * them already, so they end at once), waiting up to 10 s per lane before interrupting it.
     */
    void stop() {
        stopping = true;
        threads.forEach(LockSupport::unpark);
        for (Thread lane : threads) {
            try {
                lane.join(10_000);
                if (lane.isAlive()) {
                    lane.interrupt();
                    lane.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
