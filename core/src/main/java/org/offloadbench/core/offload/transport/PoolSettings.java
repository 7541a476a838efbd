package org.offloadbench.core.offload.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How a {@link TransportPool} runs.
 *
 * @param model             the model's name, in results and messages
 * @param workers           workers in the warm pool
 * @param queueCapacity     tasks that may wait in the pool beyond those sent
 * @param inFlightPerWorker tasks one worker takes at once
 * @param dispatch          which worker gets the next task
 * @param recovery          retry, respawn and give-up rules
 * @param awaitSpinNanos    how long a caller blocked on a future may spin before it parks (0: never)
 * @param awaitSpinAdaptive spin only while a core is free ({@link org.offloadbench.core.offload.support.SpinGate})
 * @param nanoTime          the clock for queue and startup times
 * @param workerCloseGrace  how long close waits for a worker to exit before it kills it
 */
public record PoolSettings(String model, int workers, int queueCapacity, int inFlightPerWorker,
                           DispatchPolicy dispatch, RecoveryPolicy recovery, long awaitSpinNanos,
                           boolean awaitSpinAdaptive, LongSupplier nanoTime, Duration workerCloseGrace) {

    public PoolSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dispatch, "dispatch");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(workerCloseGrace, "workerCloseGrace");
        if (workers < 1 || queueCapacity < 0 || inFlightPerWorker < 1 || awaitSpinNanos < 0) {
            throw new IllegalArgumentException(model + ": need workers >= 1, queueCapacity >= 0, inFlightPerWorker"
                    + " >= 1 and awaitSpinNanos >= 0, were " + workers + ", " + queueCapacity + ", "
                    + inFlightPerWorker + ", " + awaitSpinNanos);
        }
    }

    /** Tasks accepted and not done at once: every slot of every worker plus the queue. */
    public int admissionLimit() {
        long limit = (long) workers * inFlightPerWorker + queueCapacity;
        return (int) Math.min(Integer.MAX_VALUE, limit);
    }
}
