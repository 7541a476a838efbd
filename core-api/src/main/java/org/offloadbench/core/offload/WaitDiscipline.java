package org.offloadbench.core.offload;

/**
 * How a model's caller (and its worker) wait for the other side: the part of a round trip that decides
 * whether a figure is comparable with a floor. A spinning hand-off on a free core and a parked one that
 * needs a wake-up differ by an order of magnitude on a virtual machine, whatever the transport, so every
 * figure says which it was and is compared only with the floor of the same transport and discipline.
 */
public enum WaitDiscipline {
    /** Busy-polls: burns a core while waiting, no wake-up on the critical path. */
    SPIN("spin"),
    /** Blocks in the kernel (futex, read, poll): costs a wake-up, burns no CPU while waiting. */
    PARK("park"),
    /** Spins for a bounded time, then parks (HotSpot-style adaptive spinning). */
    ADAPTIVE("adaptive"),
    /** The model did not say; the report compares it with no floor. */
    UNKNOWN("unknown");

    private final String label;

    WaitDiscipline(String label) {
        this.label = label;
    }

    /** The lower-case name used in results and on the page. */
    public String label() {
        return label;
    }
}
