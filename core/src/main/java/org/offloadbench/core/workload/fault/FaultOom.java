package org.offloadbench.core.workload.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * Allocates chunks of the given size and keeps them reachable until the heap is exhausted, then lets the
 * {@link OutOfMemoryError} propagate (the chunks become garbage as it does). Out-of-process models use it
 * to check that a worker that runs out of memory is reported and replaced; in-process models never run it.
 */
public final class FaultOom extends FaultWorkload {
    public static final String ID = "fault-oom";

    public FaultOom() {
        super(ID, "chunkBytes", 8L << 20, 1024, Integer.MAX_VALUE - 16);
    }

    @Override
    public String description() {
        return "allocates until OutOfMemoryError (run only in a child JVM); " + optionHelp();
    }

    @Override
    public byte[] execute(byte[] input) {
        int chunkBytes = (int) parameter(input);
        List<byte[]> hoard = new ArrayList<>();
        while (true) {
            hoard.add(new byte[chunkBytes]);
        }
    }
}
