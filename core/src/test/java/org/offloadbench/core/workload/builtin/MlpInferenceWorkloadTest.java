package org.offloadbench.core.workload.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.WorkloadException;

class MlpInferenceWorkloadTest {

    private static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        return values;
    }

    /**
     * A 2-3-2 network worked by hand (all values exact in binary floating point):
     * x = (2, 1): hidden = relu(1, 4, -2.5) = (1, 4, 0), logits = (5.5, -2.5);
     * x = (-1, 0.5): hidden = relu(-1.5, 1.5, 1) = (0, 1.5, 1), logits = (3, -1.75).
     */
    @Test
    void handComputedTwoThreeTwoNetwork() {
        float[][] weights = {
            {1f, -1f, 0.5f, 2f, -1f, -1f},
            {1f, 1f, 1f, 2f, -1f, 0.25f},
        };
        float[][] biases = {{0f, 1f, 0.5f}, {0.5f, -0.5f}};
        var workload = new MlpInferenceWorkload(weights, biases, 2, 3, 2);
        byte[] input = MlpInferenceWorkload.encode(2, 2, new float[] {2f, 1f, -1f, 0.5f});
        assertArrayEquals(new float[] {5.5f, -2.5f, 3f, -1.75f}, floats(workload.execute(input)));
    }

    @Test
    void defaultNetworkAgreesWithADoublePrecisionReference() {
        var workload = new MlpInferenceWorkload();
        byte[] input = workload.generateInput(InputSpec.golden(workload));
        ByteBuffer header = ByteBuffer.wrap(input);
        int batch = header.getInt();
        assertEquals(32, batch);
        assertEquals(256, header.getInt());
        float[] vectors = floats(java.util.Arrays.copyOfRange(input, 8, input.length));
        float[] logits = floats(workload.execute(input));
        assertEquals(32 * 10, logits.length);
        int[] sizes = MlpInferenceWorkload.DEFAULT_LAYERS;
        var model = workload.model();
        for (int b = 0; b < batch; b++) {
            double[] act = new double[sizes[0]];
            for (int i = 0; i < act.length; i++) {
                act[i] = vectors[b * sizes[0] + i];
            }
            for (int l = 0; l + 1 < sizes.length; l++) {
                double[] next = new double[sizes[l + 1]];
                for (int o = 0; o < next.length; o++) {
                    double sum = model.bias(l, o);
                    for (int i = 0; i < act.length; i++) {
                        sum += (double) model.weight(l, o * act.length + i) * act[i];
                    }
                    next[o] = l + 2 < sizes.length ? Math.max(0, sum) : sum;
                }
                act = next;
            }
            for (int o = 0; o < act.length; o++) {
                assertEquals(act[o], logits[b * 10 + o], 1e-3 * Math.max(1, Math.abs(act[o])),
                        "logit " + o + " of vector " + b);
            }
        }
        assertNotEquals(logits[0], logits[1], "weights are not degenerate");
    }

    @Test
    void weightsAreTheSameForEveryInstance() {
        var a = new MlpInferenceWorkload(4, 5, 3);
        var b = new MlpInferenceWorkload(4, 5, 3);
        byte[] input = a.generateInput(InputSpec.of(2, 4 * 4 * 3));
        assertEquals(3, ByteBuffer.wrap(input).getInt());
        assertArrayEquals(a.execute(input), b.execute(input));
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MlpInferenceWorkload(4));
        assertThrows(IllegalArgumentException.class, () -> new MlpInferenceWorkload(4, 0, 2));
        var workload = new MlpInferenceWorkload(4, 5, 3);
        var tooSmall = assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.of(1, 15)));
        assertTrue(tooSmall.getMessage().contains("holds 0 vectors of 4 floats"), tooSmall.getMessage());
        var wrongFeatures = assertThrows(WorkloadException.class,
                () -> workload.execute(MlpInferenceWorkload.encode(1, 3, new float[3])));
        assertTrue(wrongFeatures.getMessage().contains("features is 3; valid: 4 .. 4"), wrongFeatures.getMessage());
        var short_ = assertThrows(WorkloadException.class,
                () -> workload.execute(java.util.Arrays.copyOf(MlpInferenceWorkload.encode(2, 4, new float[8]), 30)));
        assertTrue(short_.getMessage().contains("should be 32 bytes"), short_.getMessage());
    }
}
