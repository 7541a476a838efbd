package org.offloadbench.core.measure;

import java.util.ArrayList;
import java.util.List;
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
    private final List<Interval> intervals = new ArrayList<>();
    /** Where the current interval began, on {@link #clock}; intervals are offsets from {@link #originNanos}. */
    private long intervalStartNanos;
    private long originNanos;
    private volatile boolean running;
    /** Set by the first {@link #stop()}: a second one (close after stop) adds no empty interval. */
    private boolean stopped;
    private Thread thread;
    private volatile Throwable failure;
    /**
     * Since when the sampling thread owes a sample (the start of its sleep in progress, or the end of its last
     * one): what {@link #stop()} records if that sleep is still running, so a thread starved for the whole
     * window shows as one hiccup that long, not as nothing.
     */
    private volatile long pendingSinceNanos;

    /** @param resolutionNanos how long each sleep asks for (jHiccup's default is 1 ms) */
    public HiccupMeter(NanoClock clock, long resolutionNanos) {
        if (resolutionNanos <= 0) {
            throw new IllegalArgumentException("resolutionNanos must be > 0, was " + resolutionNanos);
        }
        this.clock = clock;
        this.resolutionNanos = resolutionNanos;
        this.originNanos = clock.nanoTime();
        this.intervalStartNanos = originNanos;
    }

    /**
     * One interval of the time series that goes into a .hlog (one line each, as jHiccup writes them).
     *
     * @param startNanos when it began, from the meter's start
     * @param endNanos   when it ended, from the meter's start
     * @param histogram  hiccups recorded in it, ns
     */
    public record Interval(long startNanos, long endNanos, Histogram histogram) {
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
        originNanos = clock.nanoTime();
        intervalStartNanos = originNanos;
        pendingSinceNanos = originNanos;
        recorder.reset();
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
        pendingSinceNanos = before;
        clock.sleepNanos(resolutionNanos);
        long after = clock.nanoTime();
        long hiccup = Math.max(0, after - before - resolutionNanos);
        recorder.recordValueWithExpectedInterval(hiccup, resolutionNanos);
        pendingSinceNanos = after;
        return hiccup;
    }

    /** Everything recorded since the last call (an interval histogram for a log). */
    public synchronized Histogram intervalHistogram() {
        return takeInterval().histogram();
    }

    /**
     * Closes the current interval and starts the next; the caller decides the interval's length (about a
     * second for a log HistogramLogAnalyzer reads), the meter keeps every interval for {@link #intervals()}.
     */
    public synchronized Interval takeInterval() {
        Histogram histogram = recorder.getIntervalHistogram();
        long now = clock.nanoTime();
        Interval interval = new Interval(intervalStartNanos - originNanos, now - originNanos, histogram);
        intervalStartNanos = now;
        total.add(histogram);
        intervals.add(interval);
        return interval;
    }

    /** The intervals taken so far, the last one {@link #stop()} closed included, oldest first. */
    public synchronized List<Interval> intervals() {
        return List.copyOf(intervals);
    }

    /**
     * Stops the thread and returns every hiccup recorded since start, in nanoseconds.
     *
     * @throws IllegalStateException when the sampling thread failed or does not stop
     */
    public synchronized Histogram stop() throws InterruptedException {
        long stopNanos = clock.nanoTime();
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(5));
            if (thread.isAlive()) {
                throw new IllegalStateException("hiccup meter thread did not stop within 5 s");
            }
            thread = null;
            // a sleep cut short by the interrupt recorded nothing: how late it already was is a hiccup too (a
            // lower bound of it); a sample that ended after stopNanos leaves nothing owed
            long owed = stopNanos - pendingSinceNanos - resolutionNanos;
            if (owed > 0) {
                recorder.recordValueWithExpectedInterval(owed, resolutionNanos);
            }
        }
        if (failure != null) {
            throw new IllegalStateException("hiccup meter failed: " + failure, failure);
        }
        if (!stopped) {
            stopped = true;
            takeInterval();
        }
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
