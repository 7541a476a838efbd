package org.offloadbench.core.offload;

/**
 * Whether a model can run on this JDK and machine, and if not, why (shown by {@code bench list} and the
 * report, so a missing model is explained rather than silently absent).
 */
public record Availability(boolean available, String reason) {

    public static Availability yes() {
        return new Availability(true, "");
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
