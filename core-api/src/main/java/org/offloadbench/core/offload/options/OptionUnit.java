package org.offloadbench.core.offload.options;

/**
 * The unit of a whole-number option. An option's name ends with its unit's {@link #suffix()}
 * ({@code startTimeoutMillis}, {@code slotBytes}), one spelling for the whole project ({@code Millis}, never
 * {@code Ms}).
 */
public enum OptionUnit {
    NONE("", ""),
    BYTES("Bytes", "bytes"),
    NANOS("Nanos", "nanoseconds"),
    MICROS("Micros", "microseconds"),
    MILLIS("Millis", "milliseconds");

    private final String suffix;
    private final String word;

    OptionUnit(String suffix, String word) {
        this.suffix = suffix;
        this.word = word;
    }

    /** How an option's name in this unit ends; empty for {@link #NONE}. */
    public String suffix() {
        return suffix;
    }

    /** The unit in words, for messages and listings; empty for {@link #NONE}. */
    public String word() {
        return word;
    }
}
