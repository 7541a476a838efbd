package org.offloadbench.core.workload.fault;

/**
 * Calls {@link Runtime#halt(int)}: the whole JVM that runs it dies at once, without shutdown hooks. Only
 * ever run it in a child or forked JVM (process, cluster and shared-memory workers); it is how the kit
 * checks that a crashing worker takes nothing else down. In-process models must never be given it.
 */
public final class FaultHalt extends FaultWorkload {
    public static final String ID = "fault-halt";

    public FaultHalt() {
        super(ID, "exitCode", 3, 0, 255);
    }

    @Override
    public String description() {
        return "halts the JVM running it (Runtime.halt) - run only in a child JVM; " + optionHelp();
    }

    @Override
    public byte[] execute(byte[] input) {
        Runtime.getRuntime().halt((int) parameter(input));
        throw new AssertionError("Runtime.halt returned");
    }
}
