package org.offloadbench.core.workload.fault;

import java.util.concurrent.TimeUnit;

import org.offloadbench.core.workload.WorkloadException;

/**
 * Sleeps for the given milliseconds, then returns its input unchanged. Interruptible: an interrupt ends the
 * sleep at once with a {@link WorkloadException} (and the thread's interrupt flag set again), which is what a
 * well-behaved blocking task does when its pool times it out or cancels it.
 */
public final class FaultSleep extends FaultWorkload {
    public static final String ID = "fault-sleep";

    public FaultSleep() {
        super(ID, "millis", 100, 0, TimeUnit.MINUTES.toMillis(10));
    }

    @Override
    public String description() {
        return "sleeps N ms (interruptible), then echoes its input; " + optionHelp();
    }

    @Override
    public byte[] execute(byte[] input) {
        long millis = parameter(input);
        long start = System.nanoTime();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkloadException(ID + ": interrupted after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " of " + millis + " ms", e);
        }
        return input;
    }
}
