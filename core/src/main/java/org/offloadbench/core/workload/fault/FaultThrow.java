package org.offloadbench.core.workload.fault;

import org.offloadbench.core.workload.WorkloadException;

/**
 * Throws a {@link WorkloadException} whose message starts with {@link #MESSAGE_PREFIX} and names the code
 * from the input, so a test can check that the workload's own words reach the caller unchanged.
 */
public final class FaultThrow extends FaultWorkload {
    public static final String ID = "fault-throw";
    public static final String MESSAGE_PREFIX = "fault-throw: deliberate failure";

    public FaultThrow() {
        super(ID, "code", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public String description() {
        return "always throws WorkloadException \"" + MESSAGE_PREFIX + " (code N)\"; " + optionHelp();
    }

    /** The exact message thrown for {@code code}. */
    public static String message(long code) {
        return MESSAGE_PREFIX + " (code " + code + ")";
    }

    @Override
    public byte[] execute(byte[] input) {
        throw new WorkloadException(message(parameter(input)));
    }
}
