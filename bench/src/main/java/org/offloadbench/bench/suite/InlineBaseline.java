package org.offloadbench.bench.suite;

import java.util.concurrent.TimeUnit;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.core.measure.ChecksumMismatchException;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.measure.SteadyStateDetector;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;

/**
 * The granularity suite's baseline: the same task run inline on the caller's thread, and the calibration that
 * turns a target task duration into a sum-loop iteration count on this machine.
 */
final class InlineBaseline {
    /** The calibration's task: long enough to time, short enough for many calls per window. */
    static final long CALIBRATION_ITERATIONS = 1_000_000;
    private static final long CALIBRATION_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private InlineBaseline() {
    }

    /** sum-loop's input for a number of iterations, with the checksum of a direct run. */
    static PreparedInput sumLoop(Workload sumLoop, long iterations) {
        byte[] input = sumLoop.generateInput(InputSpec.of(PreparedInput.SEED, sumLoop.defaultPayloadBytes())
                .withOption("iterations", Long.toString(iterations)));
        return new PreparedInput(sumLoop, input.length, input, Checksums.of(sumLoop.execute(input.clone())));
    }

    /**
     * Nanoseconds per sum-loop iteration on this thread once the JIT has compiled the loop: windows of calls
     * for at least {@code minNanos} and until three agree within 10 % (at most {@code capNanos}); the last
     * window's figure. The minimum matters: C1's code is steady too, at about 60 times C2's cost.
     */
    static double nanosPerIteration(NanoClock clock, Workload sumLoop, long minNanos, long capNanos) {
        PreparedInput input = sumLoop(sumLoop, CALIBRATION_ITERATIONS);
        SteadyStateDetector detector = SteadyStateDetector.forWarmUp();
        long start = clock.nanoTime();
        double nanosPerCall;
        do {
            long windowStart = clock.nanoTime();
            long calls = 0;
            long now;
            do {
                run(input);
                calls++;
                now = clock.nanoTime();
            } while (now - windowStart < CALIBRATION_WINDOW_NANOS);
            nanosPerCall = (now - windowStart) / (double) calls;
            detector.add(1e9 / nanosPerCall);
        } while ((!detector.steady() || clock.nanoTime() - start < minNanos) && clock.nanoTime() - start < capNanos);
        return nanosPerCall / CALIBRATION_ITERATIONS;
    }

    /** Inline throughput (tasks per second): calls for {@code stepNanos}, at least {@code minTasks}, each verified. */
    static double throughput(NanoClock clock, PreparedInput input, long stepNanos, int minTasks) {
        long start = clock.nanoTime();
        long calls = 0;
        long now;
        do {
            run(input);
            calls++;
            now = clock.nanoTime();
        } while (now - start < stepNanos || calls < minTasks);
        return calls * 1e9 / Math.max(1, now - start);
    }

    /** One inline task, its reply checked like any model's. */
    private static void run(PreparedInput input) {
        byte[] output = input.workload().execute(input.input());
        long checksum = Checksums.of(output);
        if (checksum != input.expectedChecksum()) {
            throw new ChecksumMismatchException("inline run of " + input.workload().id() + " gave wrong bytes: expected "
                    + "checksum " + Long.toHexString(input.expectedChecksum()) + ", got " + Long.toHexString(checksum));
        }
    }
}
