package org.offloadbench.core.workload;

import java.nio.ByteBuffer;

/**
 * A unit of CPU work that every offload model runs the same way: a pure function of bytes.
 *
 * <p>Purity is what makes the comparison honest. The same input gives the same output whether it runs
 * in this thread, in a pool thread, in a child JVM or behind a load balancer, so every model's reply can be
 * checked against a direct in-thread run ({@link #execute(byte[])} here) and a model that returns wrong
 * bytes fails instead of looking fast. Purity also lets an out-of-process model retry a task after a worker
 * crash without changing its meaning.
 *
 * <p>Everything a run needs (iteration counts, sizes) is encoded into the input by
 * {@link #generateInput(InputSpec)}, so {@code execute} needs no side channel.
 *
 * <p>User workloads are discovered with {@link java.util.ServiceLoader}: implement this interface, list
 * the class in {@code META-INF/services/org.offloadbench.core.workload.Workload}, and put the jar on the
 * classpath. Child JVMs and cluster workers inherit the classpath, so the workload reaches every model.
 */
public interface Workload {

    /** Stable identifier used on the command line, on the wire and in result files, e.g. {@code sha256}. */
    String id();

    /** One line for {@code bench list} and the report. */
    String description();

    /** What kind of cost dominates; the report's verdict table groups workloads by it. */
    WorkloadClass workloadClass();

    /** The payload size the golden checksum and the default benchmarks use. */
    int defaultPayloadBytes();

    /**
     * Builds a deterministic input: the same spec always yields the same bytes.
     *
     * @throws IllegalArgumentException when the spec names an unknown option or an impossible size
     */
    byte[] generateInput(InputSpec spec);

    /**
     * Runs the work. Must be pure and thread-safe: no shared mutable state, same bytes in, same bytes out.
     *
     * @throws WorkloadException when the input is not valid for this workload (the message says why)
     */
    byte[] execute(byte[] input);

    /**
     * Runs the work on a buffer view and writes the output into {@code output}, returning the number of
     * bytes written. Zero-copy transports (shared memory) call this so that workloads which can work in
     * place avoid a copy; the default copies through {@link #execute(byte[])}.
     *
     * @throws WorkloadException when the input is invalid or the output does not fit
     */
    default int executeInto(ByteBuffer input, ByteBuffer output) {
        byte[] in = new byte[input.remaining()];
        input.get(in);
        byte[] out = execute(in);
        if (out.length > output.remaining()) {
            throw new WorkloadException(id() + ": output of " + out.length + " bytes does not fit in "
                    + output.remaining() + " bytes");
        }
        output.put(out);
        return out.length;
    }
}
