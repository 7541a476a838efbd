package org.offloadbench.core.offload.transport;

/** How a {@link TransportPool} picks the worker for the next task among those with a free slot. */
public enum DispatchPolicy {
    /** The worker with the fewest tasks in flight (ties: the next one in turn). */
    LEAST_BUSY("least-busy"),
    /** The next worker in turn that has a free slot. */
    ROUND_ROBIN("round-robin");

    private final String option;

    DispatchPolicy(String option) {
        this.option = option;
    }

    /** The spelling of the {@code dispatch} option. */
    public String option() {
        return option;
    }
}
