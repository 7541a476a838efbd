package org.offloadbench.core.workload.builtin;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadException;

/**
 * Input reaches a worker from another process or host, so no input may make a workload fail with anything
 * but a {@link WorkloadException}: no index, buffer, number-format or null-pointer exception, no error.
 * Truncated, extended and (where the header cannot ask for hours of work) randomly mutated inputs are fed
 * to every built-in; each must either succeed or throw a WorkloadException.
 */
class MalformedInputTest {

    /** A mutated header could ask these for up to the maximum iterations or n: valid, but slow. */
    private static final Set<String> COSTLY_HEADER = Set.of("sum-loop", "fibonacci", "password-hash");

    static java.util.stream.Stream<Workload> builtins() {
        return BuiltinWorkloadsTest.builtins();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtins")
    @Timeout(120)
    void anyInputGivesAResultOrAWorkloadException(Workload workload) {
        // Small inputs keep the hundreds of runs below fast; the structure is the same as at full size.
        int payloadBytes = Math.min(workload.defaultPayloadBytes(), 2048);
        byte[] valid = workload.generateInput(InputSpec.of(11, payloadBytes));
        Random random = new Random(42);

        for (int length = 0; length < valid.length; length += length < 64 ? 1 : 1 + random.nextInt(97)) {
            check(workload, Arrays.copyOf(valid, length));
        }
        check(workload, Arrays.copyOf(valid, valid.length + 1));
        check(workload, Arrays.copyOf(valid, valid.length + 4));
        check(workload, null);
        if (COSTLY_HEADER.contains(workload.id())) {
            return;
        }
        for (int round = 0; round < 300; round++) {
            byte[] mutated = valid.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips && mutated.length > 0; f++) {
                // Half the mutations hit the first 16 bytes, where the headers are.
                int at = random.nextBoolean() ? random.nextInt(Math.min(16, mutated.length))
                        : random.nextInt(mutated.length);
                mutated[at] = (byte) random.nextInt(256);
            }
            check(workload, mutated);
        }
        for (int round = 0; round < 50; round++) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            check(workload, noise);
        }
    }

    private static void check(Workload workload, byte[] input) {
        try {
            workload.execute(input);
        } catch (WorkloadException expected) {
            if (expected.getMessage() == null || !expected.getMessage().startsWith(workload.id() + ": ")) {
                fail("message should start with the workload id: " + expected.getMessage());
            }
        } catch (Throwable t) {
            String shown = input == null ? "null" : input.length + " bytes, starting "
                    + HexFormat.of().formatHex(input, 0, Math.min(32, input.length));
            throw new AssertionError(workload.id() + " threw " + t + " for input " + shown, t);
        }
    }
}
