package org.offloadbench.core.workload.fault;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.Set;

import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.WorkloadException;

/**
 * The shared shape of every fault workload: one named long parameter carried in the first 8 bytes of the
 * input, then seeded filler. Keeping the parameter inside the input (rather than in a side channel) means a
 * fault task crosses a pipe, a socket or shared memory exactly like a real one.
 */
public abstract class FaultWorkload implements Workload {

    /** Bytes at the start of every fault input that hold the parameter. */
    public static final int HEADER_BYTES = Long.BYTES;

    private final String id;
    private final String option;
    private final long defaultValue;
    private final long minValue;
    private final long maxValue;

    protected FaultWorkload(String id, String option, long defaultValue, long minValue, long maxValue) {
        this.id = id;
        this.option = option;
        this.defaultValue = defaultValue;
        this.minValue = minValue;
        this.maxValue = maxValue;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final WorkloadClass workloadClass() {
        return WorkloadClass.FAULT;
    }

    @Override
    public int defaultPayloadBytes() {
        return 64;
    }

    /** The option that sets this workload's parameter, e.g. {@code millis}. */
    public final String option() {
        return option;
    }

    /** Describes the option for {@link #description()}. */
    protected final String optionHelp() {
        return "option " + option + "=" + minValue + ".." + maxValue + " (default " + defaultValue + ")";
    }

    /**
     * Input: the parameter (8 bytes, big-endian) followed by seeded filler up to
     * {@code max(8, payloadBytes)} bytes. The only option is {@link #option()}.
     */
    @Override
    public byte[] generateInput(InputSpec spec) {
        long value = defaultValue;
        for (var entry : spec.options().entrySet()) {
            if (!entry.getKey().equals(option)) {
                throw new IllegalArgumentException("unknown option '" + entry.getKey() + "' for " + id
                        + "; valid: " + option);
            }
            value = parse(entry.getValue());
        }
        byte[] input = new byte[Math.max(HEADER_BYTES, spec.payloadBytes())];
        Random random = new Random(spec.seed());
        byte[] filler = new byte[input.length - HEADER_BYTES];
        random.nextBytes(filler);
        ByteBuffer.wrap(input).putLong(value).put(filler);
        return input;
    }

    /** A minimal input carrying just {@code value}; handy for tests. */
    public byte[] input(long value) {
        return generateInput(InputSpec.of(1L, HEADER_BYTES).withOption(option, Long.toString(value)));
    }

    private long parse(String text) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(id + ": option " + option + " must be a whole number in "
                    + minValue + ".." + maxValue + ", was '" + text + "'", e);
        }
        checkRange(value, IllegalArgumentException::new);
        return value;
    }

    /** Reads and range-checks the parameter of an input; a short or out-of-range input is a workload error. */
    protected final long parameter(byte[] input) {
        if (input.length < HEADER_BYTES) {
            throw new WorkloadException(id + ": input must start with an 8-byte " + option + " value, got "
                    + input.length + " bytes (build inputs with generateInput)");
        }
        long value = ByteBuffer.wrap(input).getLong();
        checkRange(value, WorkloadException::new);
        return value;
    }

    private void checkRange(long value, java.util.function.Function<String, RuntimeException> error) {
        if (value < minValue || value > maxValue) {
            throw error.apply(id + ": " + option + " must be in " + minValue + ".." + maxValue + ", was " + value);
        }
    }

    /** Every fault workload id, for callers that must exclude or select them. */
    public static Set<String> ids() {
        return Set.of(FaultThrow.ID, FaultSleep.ID, FaultSpin.ID, FaultHang.ID, FaultHalt.ID, FaultOom.ID,
                FaultPrint.ID);
    }
}
