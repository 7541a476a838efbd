package org.offloadbench.core.workload.fault;

import java.util.concurrent.TimeUnit;

/**
 * Busy-loops for the given milliseconds, ignoring interruption, then returns its input. This is the CPU-bound
 * task a JVM cannot stop: an in-process pool can only abandon the thread, an out-of-process one can kill
 * the worker. It burns a whole core while it runs, so keep the duration short in tests.
 */
public final class FaultSpin extends FaultWorkload {
    public static final String ID = "fault-spin";

    public FaultSpin() {
        super(ID, "millis", 100, 0, TimeUnit.MINUTES.toMillis(10));
    }

    @Override
    public String description() {
        return "busy-loops N ms ignoring interruption, then echoes its input; " + optionHelp();
    }

    @Override
    public byte[] execute(byte[] input) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(parameter(input));
        // Thread.onSpinWait keeps the loop polite to a hyper-thread sibling; it does not yield to interrupts.
        while (System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
        return input;
    }
}
