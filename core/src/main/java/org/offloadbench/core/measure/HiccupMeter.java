package org.offloadbench.core.measure;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * jHiccup's idea on the coordinator: a thread asks to sleep for a short, fixed time and records how much
 * later than asked it woke up. Whatever stalls the caller's JVM (GC, safepoints, a saturated CPU, a
 * model's threads crowding it out) shows up as lateness. Recorded with the expected interval, so one long
 * stall also counts the samples it swallowed, as jHiccup does.
 */
public final class HiccupMeter implements AutoCloseable {
    private final NanoClock clock;
    private final long resolutionNanos;
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private volatile boolean running;
    private Thread thread;
    private volatile Throwable failure;

    /** @param resolutionNanos how long each sleep asks for (jHiccup's default is 1 ms) */
    public HiccupMeter(NanoClock clock, long resolutionNanos) {
        if (resolutionNanos <= 0) {
            throw new IllegalArgumentException("resolutionNanos must be > 0, was " + resolutionNanos);
        }
        this.clock = clock;
        this.resolutionNanos = resolutionNanos;
    }

    public static HiccupMeter oneMillisecond() {
        return new HiccupMeter(NanoClock.system(), TimeUnit.MILLISECONDS.toNanos(1));
    }

    /** Starts the sampling thread (a daemon, so it can never keep the JVM alive). */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("hiccup meter already started");
        }
        running = true;
        thread = new Thread(this::loop, "hiccup-meter");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                sampleOnce();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop() interrupts a sleep in progress; nothing to record
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** One sleep and its lateness in nanoseconds; the sampling thread calls this in a loop. */
    public long sampleOnce() throws InterruptedException {
        long before = clock.nanoTime();
        clock.sleepNanos(resolutionNanos);
        long hiccup = Math.max(0, clock.nanoTime() - before - resolutionNanos);
        recorder.recordValueWithExpectedInterval(hiccup, resolutionNanos);
        return hiccup;
    }

    /** Everything recorded since the last call (an interval histogram for a log). */
    public synchronized Histogram intervalHistogram() {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        return interval;
    }

    /**
     * Stops the thread and returns every hiccup recorded since start, in nanoseconds.
     *
     * @throws IllegalStateException when the sampling thread failed or does not stop
     */
    public synchronized Histogram stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(5));
            if (thread.isAlive()) {
                throw new IllegalStateException("hiccup meter thread did not stop within 5 s");
            }
            thread = null;
        }
        if (failure != null) {
            throw new IllegalStateException("hiccup meter failed: " + failure, failure);
        }
        intervalHistogram();
        return total.copy();
    }

    /** Stops the meter, discarding the result; an interrupt while stopping is kept on the thread. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
