package org.offloadbench.bench.testkit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;

/**
 * Small workloads for the runner's tests, registered in the test META-INF/services. Their ids start with
 * {@code bench-test-} so they never clash with the built-in catalogue once it is merged.
 */
public final class TestWorkloads {
    private TestWorkloads() {
    }

    abstract static class Base implements Workload {
        private final String id;
        private final WorkloadClass kind;
        private final int defaultBytes;

        Base(String id, WorkloadClass kind, int defaultBytes) {
            this.id = id;
            this.kind = kind;
            this.defaultBytes = defaultBytes;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return "test workload " + id;
        }

        @Override
        public WorkloadClass workloadClass() {
            return kind;
        }

        @Override
        public int defaultPayloadBytes() {
            return defaultBytes;
        }

        @Override
        public byte[] generateInput(InputSpec spec) {
            byte[] out = new byte[spec.payloadBytes()];
            long x = spec.seed();
            for (int i = 0; i < out.length; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                out[i] = (byte) (x >>> 56);
            }
            return out;
        }
    }

    /** Returns 8 fixed bytes: only the hand-off costs. */
    public static final class Noop extends Base {
        public Noop() {
            super("bench-test-noop", WorkloadClass.TRANSPORT, 64);
        }

        @Override
        public byte[] execute(byte[] input) {
            return new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        }
    }

    /** Returns its input. */
    public static final class Echo extends Base {
        public Echo() {
            super("bench-test-echo", WorkloadClass.TRANSPORT, 1024);
        }

        @Override
        public byte[] execute(byte[] input) {
            return input.clone();
        }
    }

    /** A little arithmetic over the input, repeated: a cheap CPU workload. */
    public static final class Sum extends Base {
        public Sum() {
            super("bench-test-sum", WorkloadClass.COMPUTE, 256);
        }

        @Override
        public byte[] execute(byte[] input) {
            long acc = 17;
            for (int round = 0; round < 50; round++) {
                for (byte b : input) {
                    acc = acc * 31 + b;
                }
            }
            return ByteBuffer.allocate(8).putLong(acc).array();
        }
    }

    /** Sleeps for a minute unless interrupted: needs a task timeout. */
    public static final class Hang extends Base {
        public Hang() {
            super("bench-test-fault-hang", WorkloadClass.FAULT, 1);
        }

        @Override
        public byte[] execute(byte[] input) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.offloadbench.core.workload.WorkloadException("hang interrupted");
            }
            return new byte[0];
        }
    }

    /** Halts the JVM it runs in. */
    public static final class Halt extends Base {
        public Halt() {
            super("bench-test-fault-halt", WorkloadClass.FAULT, 1);
        }

        @Override
        public byte[] execute(byte[] input) {
            Runtime.getRuntime().halt(99);
            return new byte[0];
        }
    }

    /** Allocates until the heap is exhausted. */
    public static final class Oom extends Base {
        public Oom() {
            super("bench-test-fault-oom", WorkloadClass.FAULT, 1);
        }

        @Override
        public byte[] execute(byte[] input) {
            List<long[]> hog = new ArrayList<>();
            while (true) {
                hog.add(new long[1 << 20]);
            }
        }
    }
}
