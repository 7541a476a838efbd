package org.offloadbench.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameException;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;
import org.offloadbench.core.worker.WorkerMain;

/**
 * Bad input into a real child: thousands of random (well-framed, wrong-content) frames must each get their
 * one answer from a child that keeps working; byte-mutated frames must get an error frame or a clean exit.
 * Neither may hang: every wait is bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChildFrameFuzzTest {
    private static final FrameCodec CODEC = FrameCodec.withDefaults();
    private static final List<String> WORKLOADS = List.of("noop", "echo", "sha256", "test-wire-throw", "no-such-workload",
            "\u00e9\u00e8-unicode-id", "sum-loop");

    private static ChildJvmSpec worker() {
        return PipesOffloader.workerSpec(TestPools.settings(1, 1, "inFlightPerChild", "2"));
    }

    @Test
    void thousandsOfRandomFramesEachGetExactlyTheirAnswer() throws Exception {
        SplittableRandom random = new SplittableRandom(4242);
        int frames = 3_000;
        Map<Long, Integer> expectedAnswers = new HashMap<>();
        int expectedConnectionErrors = 0;
        try (ChildJvm child = new ChildJvmLauncher().launch(worker())) {
            child.awaitReady(CODEC, Duration.ofSeconds(60));
            List<Frame> received = java.util.Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<List<Frame>> answers = CompletableFuture.supplyAsync(() -> readAll(child.stdout(), received));
            OutputStream in = new java.io.BufferedOutputStream(child.stdin(), 1 << 16);
            for (long id = 1; id <= frames; id++) {
                int pick = random.nextInt(10);
                byte[] payload = new byte[random.nextInt(0, 300)];
                random.nextBytes(payload);
                Frame frame;
                if (pick < 6) {
                    String workload = WORKLOADS.get(random.nextInt(WORKLOADS.size()));
                    if (workload.equals("sum-loop")) {
                        payload = new byte[3]; // too short for its options: the workload must refuse it
                    }
                    frame = new Frame.Request(id, workload, random.nextInt(4) == 0 ? 1_000_000_000L : 0L, payload);
                    expectedAnswers.merge(id, 1, Integer::sum);
                } else if (pick == 6) {
                    frame = new Frame.Cancel(random.nextLong(1, id + 1)); // often for a finished request: ignored
                } else if (pick == 7) {
                    frame = new Frame.Response(id, random.nextLong(0, 1L << 32), 0, 0, payload);
                    expectedAnswers.merge(id, 1, Integer::sum); // BAD_REQUEST: workers do not take RESPONSE
                } else if (pick == 8) {
                    frame = new Frame.Error(id, FailureKind.values()[random.nextInt(FailureKind.values().length)], "x");
                    expectedAnswers.merge(id, 1, Integer::sum);
                } else {
                    frame = new Frame.Ready(1 + random.nextInt(100_000), 1, 64);
                    expectedConnectionErrors++; // READY has request id 0
                }
                CODEC.write(frame, in);
            }
            in.flush();
            int answersBeforeProbe = expectedAnswers.values().stream().mapToInt(Integer::intValue).sum()
                    + expectedConnectionErrors;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.size() < answersBeforeProbe && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
            // still alive and serving after all that (sent once the fuzz is answered, so its queue has room)
            CODEC.write(new Frame.Request(frames + 1L, "echo", 0L, new byte[] {1, 2, 3}), in);
            expectedAnswers.put(frames + 1L, 1);
            in.close();
            List<Frame> got = answers.get(60, TimeUnit.SECONDS);
            assertEquals(0, child.onExit().get(30, TimeUnit.SECONDS), "end of input must be a clean exit");
            Map<Long, Integer> counted = new HashMap<>();
            int connectionErrors = 0;
            Frame last = null;
            for (Frame f : got) {
                if (f.requestId() == 0) {
                    connectionErrors++;
                } else {
                    counted.merge(f.requestId(), 1, Integer::sum);
                }
                if (f.requestId() == frames + 1L) {
                    last = f;
                }
            }
            assertEquals(expectedAnswers, counted, "every request and every wrong-kind frame gets exactly one answer");
            assertEquals(expectedConnectionErrors, connectionErrors);
            assertTrue(last instanceof Frame.Response r && Arrays.equals(new byte[] {1, 2, 3}, r.payload()),
                    "the child still works after the fuzz: " + last);
        }
    }

    @Test
    void mutatedBytesGetAnErrorFrameOrACleanExitAndNeverAHang() throws Exception {
        SplittableRandom random = new SplittableRandom(77);
        byte[] valid = CODEC.encode(new Frame.Request(9L, "echo", 0L, "0123456789".getBytes()));
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] m = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                m[random.nextInt(FrameCodec.HEADER_BYTES)] ^= (byte) (1 + random.nextInt(255));
            }
            inputs.add(m);
        }
        inputs.add(Arrays.copyOf(valid, 20)); // truncated inside the header
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        inputs.add(noise);
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < inputs.size(); i++) {
                children.add(new ChildJvmLauncher().launch(worker()));
            }
            for (int i = 0; i < inputs.size(); i++) {
                ChildJvm child = children.get(i);
                child.awaitReady(CODEC, Duration.ofSeconds(60));
                CompletableFuture<List<Frame>> answers = CompletableFuture.supplyAsync(() -> readAll(child.stdout(), new ArrayList<>()));
                try {
                    child.stdin().write(inputs.get(i));
                    child.stdin().close();
                } catch (IOException e) {
                    // the child may already have refused the bytes and exited: that is allowed
                }
                int code = child.onExit().get(30, TimeUnit.SECONDS);
                List<Frame> got = answers.get(30, TimeUnit.SECONDS);
                assertTrue(code == WorkerMain.EXIT_OK || code == WorkerMain.EXIT_MALFORMED_INPUT,
                        "case " + i + ": exit code " + code + ", stderr " + child.stderrTail());
                if (code == WorkerMain.EXIT_MALFORMED_INPUT) {
                    assertTrue(got.stream().anyMatch(f -> f instanceof Frame.Error e && e.requestId() == 0
                            && e.failure() == FailureKind.BAD_REQUEST), "case " + i + ": an error frame first: " + got);
                }
            }
        } finally {
            children.forEach(c -> c.close(Duration.ofSeconds(1)));
        }
    }

    /** Every frame until end of stream; a frame the child should never send fails the test. */
    private static List<Frame> readAll(InputStream in, List<Frame> frames) {
        try {
            for (Frame f; (f = CODEC.read(in)) != null; ) {
                frames.add(f);
            }
        } catch (FrameException e) {
            fail("the child sent an invalid frame after " + frames.size() + " good ones: " + e.getMessage());
        } catch (IOException e) {
            // stream closed under us once the child exited: what we have is complete
        }
        return frames;
    }
}
