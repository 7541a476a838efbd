package org.offloadbench.core.workload.fault;

import java.util.concurrent.TimeUnit;

import org.offloadbench.core.workload.WorkloadException;

/**
 * Stands in for a task that never returns: it ignores interruption and only gives up at a hard safety cap
 * (at most {@link #MAX_CAP_MILLIS}, 120 s), then throws. The cap exists so that a model which fails to
 * abandon or kill it cannot leave a thread running forever; a model must treat it as "never returns".
 * It waits by sleeping in short slices rather than spinning, so an abandoned one costs no CPU.
 */
public final class FaultHang extends FaultWorkload {
    public static final String ID = "fault-hang";
    public static final long MAX_CAP_MILLIS = TimeUnit.SECONDS.toMillis(120);

    public FaultHang() {
        super(ID, "capMillis", MAX_CAP_MILLIS, 1, MAX_CAP_MILLIS);
    }

    @Override
    public String description() {
        return "never returns and ignores interruption, up to a hard safety cap (120 s at most), then throws; "
                + optionHelp();
    }

    @Override
    public byte[] execute(byte[] input) {
        long capMillis = parameter(input);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(capMillis);
        boolean interrupted = false;
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            } catch (InterruptedException e) {
                interrupted = true; // ignored on purpose: this workload simulates code that never checks
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        throw new WorkloadException(ID + ": hit its safety cap of " + capMillis + " ms"
                + (interrupted ? " (interrupts were ignored)" : ""));
    }
}
