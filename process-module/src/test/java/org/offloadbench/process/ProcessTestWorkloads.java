package org.offloadbench.process;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.WorkloadException;

/**
 * Workloads that take a child JVM down in the ways the pool must survive, registered through this module's
 * test resources (child JVMs started by the tests share the test classpath). Class FAULT, so nothing that
 * runs "every real workload" picks them up. Input: one long parameter, big-endian.
 */
public final class ProcessTestWorkloads {
    private ProcessTestWorkloads() {
    }

    public static byte[] parameter(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    abstract static class Base implements Workload {
        private final String id;

        Base(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return "process-module test workload: " + getClass().getSimpleName();
        }

        @Override
        public WorkloadClass workloadClass() {
            return WorkloadClass.FAULT;
        }

        @Override
        public int defaultPayloadBytes() {
            return Long.BYTES;
        }

        @Override
        public byte[] generateInput(InputSpec spec) {
            return parameter(1);
        }

        static long value(byte[] input) {
            if (input.length < Long.BYTES) {
                throw new WorkloadException("needs an 8-byte parameter, got " + input.length + " bytes");
            }
            return ByteBuffer.wrap(input).getLong();
        }
    }

    /** Halts the JVM running it with the exit code in its input. */
    public static final class Halt extends Base {
        public static final String ID = "pipes-test-halt";

        public Halt() {
            super(ID);
        }

        @Override
        public byte[] execute(byte[] input) {
            Runtime.getRuntime().halt((int) value(input));
            throw new AssertionError("halt returned");
        }
    }

    /** Allocates chunks of the given size until the heap is gone. */
    public static final class Oom extends Base {
        public static final String ID = "pipes-test-oom";

        public Oom() {
            super(ID);
        }

        @Override
        public byte[] execute(byte[] input) {
            List<byte[]> hoard = new ArrayList<>();
            while (true) {
                hoard.add(new byte[(int) value(input)]);
            }
        }
    }

    /** Never returns within the cap in its input (ms) and ignores interruption: code that never checks. */
    public static final class Hang extends Base {
        public static final String ID = "pipes-test-hang";

        public Hang() {
            super(ID);
        }

        @Override
        public byte[] execute(byte[] input) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(value(input));
            while (System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ignored) {
                    // on purpose: this stands for a task that never looks at its interrupt flag
                }
            }
            throw new WorkloadException(ID + " reached its cap");
        }
    }
}
