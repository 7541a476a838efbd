package org.offloadbench.bench.suite;

import java.util.concurrent.TimeUnit;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.core.measure.ClosedLoopDriver;
import org.offloadbench.core.measure.ClosedLoopResult;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.Offloader;

/** Runs a model saturated (closed loop, two tasks per worker in flight) and insists on clean results. */
final class Saturation {
    static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private Saturation() {
    }

    /** Enough in flight that no worker waits for the caller, few enough not to measure queueing. */
    static int outstanding(int workers) {
        return 2 * workers;
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
