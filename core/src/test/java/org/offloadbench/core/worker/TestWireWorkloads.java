package org.offloadbench.core.worker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.WorkloadException;

/**
 * Small workloads for the wire and worker tests, registered through test resources' META-INF/services.
 * The ones that misbehave on purpose are class FAULT, so a conformance kit that runs "every workload"
 * from this test-jar skips them like the real fault-* workloads.
 */
public final class TestWireWorkloads {
    private TestWireWorkloads() {
    }

    /** Input for the sleep and spin workloads: how long, in milliseconds. */
    public static byte[] millis(long millis) {
        return ByteBuffer.allocate(8).putLong(millis).array();
    }

    public abstract static class Base implements Workload {
        private final String id;
        private final WorkloadClass workloadClass;

        Base(String id, WorkloadClass workloadClass) {
            this.id = id;
            this.workloadClass = workloadClass;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return "test workload for the wire/worker tests: " + getClass().getSimpleName();
        }

        @Override
        public WorkloadClass workloadClass() {
            return workloadClass;
        }

        @Override
        public int defaultPayloadBytes() {
            return 64;
        }

        @Override
        public byte[] generateInput(InputSpec spec) {
            byte[] bytes = new byte[spec.payloadBytes()];
            new SplittableRandom(spec.seed()).nextBytes(bytes);
            return bytes;
        }
    }

    public static class Echo extends Base {
        public Echo() {
            super("test-wire-echo", WorkloadClass.TRANSPORT);
        }

        @Override
        public byte[] execute(byte[] input) {
            return input.clone();
        }
    }

    public static final class Sha256 extends Base {
        public Sha256() {
            super("test-wire-sha256", WorkloadClass.HASHING);
        }

        @Override
        public byte[] execute(byte[] input) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(input);
            } catch (NoSuchAlgorithmException e) {
                throw new WorkloadException("SHA-256 is not available in this JDK", e);
            }
        }
    }

    /** Prints to System.out, including bytes that look like a frame, then echoes reversed. */
    public static final class Print extends Base {
        public Print() {
            super("test-wire-print", WorkloadClass.TRANSPORT);
        }

        @Override
        public byte[] execute(byte[] input) {
            System.out.println("test-wire-print: hello from a workload on System.out, " + input.length + " bytes");
            System.out.print("OB\u0001\u0003 fake frame start\n");
            System.out.flush();
            byte[] out = new byte[input.length];
            for (int i = 0; i < input.length; i++) {
                out[i] = input[input.length - 1 - i];
            }
            return out;
        }
    }

    public static final class Throw extends Base {
        public Throw() {
            super("test-wire-throw", WorkloadClass.FAULT);
        }

        @Override
        public byte[] execute(byte[] input) {
            throw new WorkloadException("test-wire-throw refuses " + input.length + " bytes on purpose");
        }
    }

    /** Throws something that is not a WorkloadException. */
    public static final class Crash extends Base {
        public Crash() {
            super("test-wire-crash", WorkloadClass.FAULT);
        }

        @Override
        public byte[] execute(byte[] input) {
            throw new IllegalStateException("test-wire-crash: unexpected state " + input.length);
        }
    }

    /** Sleeps (interruptibly) for the milliseconds in its input. */
    public static final class Sleep extends Base {
        public Sleep() {
            super("test-wire-sleep", WorkloadClass.FAULT);
        }

        @Override
        public byte[] generateInput(InputSpec spec) {
            return millis(10);
        }

        @Override
        public byte[] execute(byte[] input) {
            try {
                Thread.sleep(ByteBuffer.wrap(input).getLong());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkloadException("test-wire-sleep interrupted");
            }
            return input.clone();
        }
    }

    /** Burns CPU for the milliseconds in its input and ignores interruption, like a tight compute loop. */
    public static final class Spin extends Base {
        public Spin() {
            super("test-wire-spin", WorkloadClass.FAULT);
        }

        @Override
        public byte[] generateInput(InputSpec spec) {
            return millis(10);
        }

        @Override
        public byte[] execute(byte[] input) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ByteBuffer.wrap(input).getLong());
            long x = 0;
            while (System.nanoTime() < end) {
                x += System.nanoTime() & 7;
            }
            return Long.toString(x).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * Returns only once two tasks are inside it at the same time: proves concurrency without timing.
     * The barrier's generous timeout turns a missing partner into a failure instead of a hang.
     */
    public static final class Rendezvous extends Base {
        private static final CyclicBarrier BARRIER = new CyclicBarrier(2);

        public Rendezvous() {
            super("test-wire-rendezvous", WorkloadClass.FAULT);
        }

        @Override
        public byte[] execute(byte[] input) {
            try {
                BARRIER.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkloadException("test-wire-rendezvous interrupted");
            } catch (BrokenBarrierException | TimeoutException e) {
                BARRIER.reset();
                throw new WorkloadException("test-wire-rendezvous: no partner arrived: " + e);
            }
            return input.clone();
        }
    }

    /**
     * Blocks until the test releases it and ignores interruption meanwhile, like CPU-bound code that never
     * checks its interrupt flag. Bounded at 60 s so a failed test cannot leave it forever. In-process only.
     */
    public static final class Stubborn extends Base {
        private static volatile CountDownLatch gate = new CountDownLatch(1);

        public Stubborn() {
            super("test-wire-stubborn", WorkloadClass.FAULT);
        }

        /** Lets every waiting task, and every later one, finish (until {@link #reset()}). */
        public static void releaseAll() {
            gate.countDown();
        }

        /** Later tasks wait again; call it before a test starts its loop, never while tasks run. */
        public static void reset() {
            gate = new CountDownLatch(1);
        }

        @Override
        public byte[] execute(byte[] input) {
            CountDownLatch mine = gate;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean interrupted = false;
            try {
                while (true) {
                    long left = end - System.nanoTime();
                    try {
                        if (left <= 0 || mine.await(left, TimeUnit.NANOSECONDS)) {
                            break;
                        }
                    } catch (InterruptedException e) {
                        interrupted = true; // ignored on purpose
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return input.clone();
        }
    }
}
