package org.offloadbench.core.workload.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.WorkloadClass;

/**
 * Properties every built-in must keep: pinned golden checksums (so no model, JDK or refactoring can change a
 * result silently), deterministic inputs, {@code executeInto} equal to {@code execute}, thread safety.
 */
class BuiltinWorkloadsTest {

    /**
     * CRC32C of the output for {@link InputSpec#golden}, seed 1 at the default size, computed once after the
     * known-answer tests passed, identical on JDK 17 and JDK 25. {@code deflate}'s value depends on the
     * JDK's zlib producing the same stream (see DeflateWorkload).
     */
    static final Map<String, Long> GOLDEN_OUTPUT_CRC32C = Map.ofEntries(
            Map.entry("sum-loop", 0xa534e66eL),
            Map.entry("fibonacci", 0x96d0db38L),
            Map.entry("password-hash", 0x25fec951L),
            Map.entry("sha256", 0x599a5de4L),
            Map.entry("deflate", 0x1a017813L),
            Map.entry("csv-aggregate", 0xf12ebb5aL),
            Map.entry("json-aggregate", 0x06c06300L),
            Map.entry("image-blur", 0xce73fe19L),
            Map.entry("mlp-inference", 0x9866ee5aL),
            Map.entry("echo", 0xbe084961L),
            Map.entry("noop", 0x00000000L));

    /** The inputs are pinned too, so a failure says whether the generator or the work changed. */
    static final Map<String, Long> GOLDEN_INPUT_CRC32C = Map.ofEntries(
            Map.entry("sum-loop", 0xd5240e01L),
            Map.entry("fibonacci", 0x63169197L),
            Map.entry("password-hash", 0x11425a2bL),
            Map.entry("sha256", 0x60279accL),
            Map.entry("deflate", 0x55179452L),
            Map.entry("csv-aggregate", 0xea92195aL),
            Map.entry("json-aggregate", 0x3057f73cL),
            Map.entry("image-blur", 0x0ac884feL),
            Map.entry("mlp-inference", 0x7c7863b0L),
            Map.entry("echo", 0xbe084961L),
            Map.entry("noop", 0x03c8eb67L));

    /** Built-ins whose input does not depend on the seed: numbers from options, or zeros. */
    static final Set<String> SEED_INDEPENDENT = Set.of("sum-loop", "fibonacci", "noop");

    /** The built-ins from core's catalogue; fault-injection workloads are tested where they live. */
    static Stream<Workload> builtins() {
        return WorkloadCatalogue.load().all().stream()
                .filter(w -> w.getClass().getPackageName().equals(SumLoopWorkload.class.getPackageName()))
                .filter(w -> w.workloadClass() != WorkloadClass.FAULT);
    }

    private static final Map<String, byte[]> GOLDEN_INPUTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] goldenInput(Workload workload) {
        return GOLDEN_INPUTS.computeIfAbsent(workload.id(), id -> workload.generateInput(InputSpec.golden(workload)))
                .clone();
    }

    @Test
    void everyBuiltinHasAGoldenChecksum() {
        Set<String> ids = new TreeSet<>(builtins().map(Workload::id).toList());
        assertEquals(new TreeSet<>(GOLDEN_OUTPUT_CRC32C.keySet()), ids);
        assertEquals(11, ids.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtins")
    @Timeout(60)
    void goldenChecksums(Workload workload) {
        byte[] input = goldenInput(workload);
        assertEquals(String.format("0x%08x", GOLDEN_INPUT_CRC32C.get(workload.id())),
                String.format("0x%08x", Checksums.of(input)), workload.id() + " input changed");
        assertEquals(String.format("0x%08x", GOLDEN_OUTPUT_CRC32C.get(workload.id())),
                String.format("0x%08x", Checksums.of(workload.execute(input))), workload.id() + " output changed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtins")
    void inputsAreDeterministicAndSeeded(Workload workload) {
        InputSpec spec = InputSpec.golden(workload);
        assertArrayEquals(workload.generateInput(spec), workload.generateInput(spec));
        byte[] otherSeed = workload.generateInput(InputSpec.of(2, workload.defaultPayloadBytes()));
        if (SEED_INDEPENDENT.contains(workload.id())) {
            assertArrayEquals(workload.generateInput(spec), otherSeed);
        } else {
            assertFalse(java.util.Arrays.equals(workload.generateInput(spec), otherSeed),
                    workload.id() + " takes random input, so another seed must give other bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtins")
    void executeTwiceGivesTheSameBytesAndLeavesTheInputAlone(Workload workload) {
        byte[] input = goldenInput(workload);
        byte[] before = input.clone();
        assertArrayEquals(workload.execute(input), workload.execute(input));
        assertArrayEquals(before, input, "execute must not modify its input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtins")
    @Timeout(60)
    void executeIntoAgreesWithExecute(Workload workload) {
        byte[] input = goldenInput(workload);
        byte[] expected = workload.execute(input);
        for (boolean direct : new boolean[] {false, true}) {
            for (boolean readOnly : new boolean[] {false, true}) {
                ByteBuffer in = allocate(direct, input.length + 5);
                in.position(5); // a view that does not start at 0, like a slot in a shared region
                in.put(input).position(5);
                if (readOnly) {
                    in = in.asReadOnlyBuffer();
                }
                ByteBuffer out = allocate(direct, expected.length + 7);
                out.position(3);
                int written = workload.executeInto(in, out);
                String where = workload.id() + (direct ? " direct" : " heap") + (readOnly ? " read-only" : "");
                assertEquals(expected.length, written, where);
                assertEquals(3 + written, out.position(), where + ": output position advances by the bytes written");
                byte[] actual = new byte[written];
                out.get(3, actual);
                assertArrayEquals(expected, actual, where);
            }
        }
    }

    private static ByteBuffer allocate(boolean direct, int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtins")
    void unknownOptionIsRefusedByName(Workload workload) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.golden(workload).withOption("bogus", "1")));
        assertTrue(e.getMessage().startsWith(workload.id() + ": unknown option 'bogus'; "), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtins")
    void describesItself(Workload workload) {
        assertFalse(workload.description().isBlank());
        assertTrue(workload.defaultPayloadBytes() > 0);
        assertTrue(workload.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), workload.id());
    }

    /** Four threads run every workload at once on shared instances; each result must match the golden one. */
    @Test
    @Timeout(120)
    void sharedInstancesAreThreadSafe() throws Exception {
        List<Workload> workloads = builtins().toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < workloads.size(); i++) {
                        Workload w = workloads.get((i + offset * 3) % workloads.size());
                        assertEquals(GOLDEN_OUTPUT_CRC32C.get(w.id()), Checksums.of(w.execute(goldenInput(w))), w.id());
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(); // rethrows an assertion failure from the worker thread
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "test pool stopped");
        }
    }
}
