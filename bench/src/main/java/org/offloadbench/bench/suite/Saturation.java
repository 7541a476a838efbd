package org.offloadbench.bench.suite;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.bench.rig.Warning;
import org.offloadbench.core.measure.ClosedLoopDriver;
import org.offloadbench.core.measure.ClosedLoopResult;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.measure.SteadyStateDetector;
import org.offloadbench.core.offload.Offloader;

/** Runs a model saturated (closed loop, two tasks per worker in flight) and insists on clean results. */
final class Saturation {
    static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final long MIN_WINDOW_MILLIS = 100;
    static final long MIN_WARM_UP_CAP_MILLIS = 1500;
    /** A warm-up window with fewer completed tasks than this is doubled (up to a third of the cap). */
    static final int MIN_TASKS_PER_WINDOW = 16;

    private Saturation() {
    }

    /** Enough in flight that no worker waits for the caller, few enough not to measure queueing. */
    static int outstanding(int workers) {
        return 2 * workers;
    }

    /**
     * Warms a model up until its saturated throughput is steady: closed-loop windows of {@code windowMillis}
     * until the last three agree within 10 % ({@link SteadyStateDetector#forWarmUp}), at least {@code minMillis}
     * and at most {@code maxMillis} of them. Threads settle in a few windows; a fresh child JVM needs seconds
     * of traffic before C2 has compiled its request path, and one worker warms slower than two.
     *
     * @return how long it took and whether it settled (a caller notes it when not)
     */
    static WarmUp warmUp(NanoClock clock, Offloader offloader, PreparedInput input, int workers, long windowMillis,
                         long minMillis, long maxMillis) throws InterruptedException {
        SteadyStateDetector detector = SteadyStateDetector.forWarmUp();
        long spentNanos = 0;
        int windows = 0;
        long lengthMillis = windowMillis;
        while (true) {
            ClosedLoopResult window = run(clock, offloader, input, workers, lengthMillis);
            spentNanos += window.elapsedNanos();
            windows++;
            if (window.completed() < MIN_TASKS_PER_WINDOW) {
                // a window of a few slow tasks (fibonacci, password-hash: tens of ms each) is quantised more
                // coarsely than the 10 % the detector asks for: lengthen the windows, the cap still bounds it
                lengthMillis = Math.min(2 * lengthMillis, Math.max(windowMillis, maxMillis / 3));
            }
            boolean steady = detector.add(window.throughputPerSecond());
            if ((steady && spentNanos >= TimeUnit.MILLISECONDS.toNanos(minMillis))
                    || spentNanos >= TimeUnit.MILLISECONDS.toNanos(maxMillis)) {
                return new WarmUp(spentNanos, windows, steady, detector.lastSamples());
            }
        }
    }

    /** Warm-up windows: half a measurement iteration, long enough to hold a few slow tasks. */
    static long warmUpWindowMillis(long iterationMillis) {
        return Math.max(MIN_WINDOW_MILLIS, iterationMillis / 2);
    }

    /** The most a warm-up may take: enough for a child JVM's C2 even in the quick profile. */
    static long warmUpCapMillis(long minWarmUpMillis) {
        return Math.max(MIN_WARM_UP_CAP_MILLIS, 8 * minWarmUpMillis);
    }

    /**
     * The most a warm-up may take on an instance that has already run saturated (pre-warmed, or measured with
     * another workload): its request path is compiled and only the new workload's own code is cold, which
     * settles in a few windows (quick 0.3 s, standard 1.5 s, full 6 s, unshrunk; never more than
     * {@link #warmUpCapMillis}).
     */
    static long rewarmCapMillis(long minWarmUpMillis) {
        return Math.min(warmUpCapMillis(minWarmUpMillis), Math.max(3 * MIN_WINDOW_MILLIS, 3 * minWarmUpMillis));
    }

    /**
     * The most a fresh instance's pre-warm may take: a child JVM or cluster worker needs 3.5-10 s of traffic to
     * reach its warm rate on a two-core VM, so the cap is the profile's pre-warm cap (the one JMH trials use:
     * quick 0.8 s, standard 8 s, full 15 s, unshrunk), never less than a warm-up's own cap.
     */
    static long preWarmCapMillis(long minWarmUpMillis, long profilePreWarmMillis) {
        return Math.max(warmUpCapMillis(minWarmUpMillis), profilePreWarmMillis);
    }

    /** What a warm-up took; {@code lastThroughputs} are ops/s of its last windows, oldest first. */
    record WarmUp(long elapsedNanos, int windows, boolean steady, List<Double> lastThroughputs) {

        /** Kind of {@link #unsettledWarning}. */
        static final String UNSETTLED = "throughput not settled after warm-up";

        /**
         * {@link #unsettledNote} as a console warning, ranked by the spread of the last windows' throughput
         * (max - min over their mean).
         */
        Warning unsettledWarning(String what) {
            double spread = Double.NaN;
            if (!lastThroughputs.isEmpty()) {
                double min = lastThroughputs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double max = lastThroughputs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                double mean = lastThroughputs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                spread = mean > 0 ? (max - min) / mean * 100 : Double.NaN;
            }
            return new Warning(UNSETTLED, what, unsettledNote(what), spread, Double.isNaN(spread) ? ""
                    : String.format(Locale.ROOT, "last windows %.0f %% apart after %.1f s", spread, elapsedNanos / 1e9));
        }

        /** A one-line note for the report when the warm-up ran out of time before settling. */
        String unsettledNote(String what) {
            StringBuilder last = new StringBuilder();
            for (double v : lastThroughputs) {
                last.append(last.length() == 0 ? "" : ", ").append(Math.round(v));
            }
            return String.format(Locale.ROOT, "%s: throughput had not settled after %.1f s of warm-up (last windows %s"
                    + " ops/s); its figures may understate the warm capacity", what, elapsedNanos / 1e9, last);
        }
    }

    /**
     * @throws IllegalStateException when any task failed or did not finish: such a run's throughput is
     *                               not a capacity figure
     */
    static ClosedLoopResult run(NanoClock clock, Offloader offloader, PreparedInput input, int workers,
                                long millis) throws InterruptedException {
        ClosedLoopResult result = new ClosedLoopDriver(clock).run(offloader, input.task(),
                input.verifierFor(offloader.name()), outstanding(workers), TimeUnit.MILLISECONDS.toNanos(millis),
                Long.MAX_VALUE, DRAIN_TIMEOUT_NANOS);
        if (result.failed() > 0 || result.unfinished() > 0) {
            throw new IllegalStateException(result.failed() + " task(s) failed and " + result.unfinished()
                    + " did not finish under saturation; first failure: " + result.firstFailure());
        }
        if (result.completed() == 0) {
            throw new IllegalStateException("no task completed in " + millis + " ms");
        }
        return result;
    }
}
