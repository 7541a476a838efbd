package org.offloadbench.core.workload.fault;

/**
 * Writes lines to {@link System#out} and {@link System#err}, then echoes its input. A child JVM whose stdout
 * carries frames must survive this: the pipes model's test checks the frames stay intact and the lines
 * land in the worker's log instead.
 */
public final class FaultPrint extends FaultWorkload {
    public static final String ID = "fault-print";
    /** Every line written starts with this, so a test can find them. */
    public static final String LINE_PREFIX = "fault-print: line ";

    public FaultPrint() {
        super(ID, "lines", 1, 0, 10_000);
    }

    @Override
    public String description() {
        return "prints N lines to stdout and to stderr, then echoes its input; " + optionHelp();
    }

    @Override
    public byte[] execute(byte[] input) {
        long lines = parameter(input);
        for (long i = 1; i <= lines; i++) {
            System.out.println(LINE_PREFIX + i + " (stdout)");
            System.err.println(LINE_PREFIX + i + " (stderr)");
        }
        System.out.flush();
        System.err.flush();
        return input;
    }
}
