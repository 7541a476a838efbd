package org.offloadbench.shm;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.WorkloadException;

/** Test-only workloads (registered in test resources, so child JVMs started by tests see them too). */
final class ShmTestWorkloads {
    private ShmTestWorkloads() {
    }

    static byte[] millis(long millis) {
        return ByteBuffer.allocate(8).putLong(millis).array();
    }

    private abstract static class Timed implements Workload {
        @Override
        public WorkloadClass workloadClass() {
            return WorkloadClass.FAULT;
        }

        @Override
        public int defaultPayloadBytes() {
            return 8;
        }

        @Override
        public byte[] generateInput(InputSpec spec) {
            return millis(10);
        }

        long millisOf(byte[] input) {
            if (input.length != 8) {
                throw new WorkloadException(id() + ": needs an 8-byte input, got " + input.length);
            }
            return ByteBuffer.wrap(input).getLong();
        }
    }

    /** Sleeps the given milliseconds, interruptibly; returns its input. */
    public static final class Sleep extends Timed {
        public static final String ID = "shm-test-sleep";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String description() {
            return "test: sleeps, interruptibly";
        }

        @Override
        public byte[] execute(byte[] input) {
            try {
                Thread.sleep(millisOf(input));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkloadException(ID + ": interrupted");
            }
            return input.clone();
        }
    }

    /** Sleeps the given milliseconds ignoring interrupts: code that never checks. */
    public static final class Hang extends Timed {
        public static final String ID = "shm-test-hang";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String description() {
            return "test: sleeps ignoring interrupts";
        }

        @Override
        public byte[] execute(byte[] input) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millisOf(input));
            boolean interrupted = false;
            while (System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return input.clone();
        }
    }

    /**
     * Sleeps the milliseconds in its first 8 bytes, interruptibly, then echoes its whole input: a task that
     * runs long enough to be killed, cancelled or closed mid-way and still has a payload worth checking.
     */
    public static final class SlowEcho extends Timed {
        public static final String ID = "shm-test-slow-echo";

        static byte[] input(long millis, byte[] payload) {
            return ByteBuffer.allocate(8 + payload.length).putLong(millis).put(payload).array();
        }

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String description() {
            return "test: sleeps, interruptibly, then echoes its input";
        }

        @Override
        public byte[] execute(byte[] input) {
            if (input.length < 8) {
                throw new WorkloadException(ID + ": needs at least 8 bytes, got " + input.length);
            }
            try {
                Thread.sleep(ByteBuffer.wrap(input).getLong());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkloadException(ID + ": interrupted");
            }
            return input.clone();
        }
    }
}
