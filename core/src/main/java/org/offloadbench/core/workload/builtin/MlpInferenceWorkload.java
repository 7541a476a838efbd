package org.offloadbench.core.workload.builtin;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;

/**
 * {@code mlp-inference}: the forward pass of a small dense network (by default 256-512-512-10, ReLU on the
 * hidden layers, raw logits out) over a batch of float vectors, the "run a model in the request path" cost.
 *
 * <p>The weights are generated once from a fixed seed (He-uniform, so activations neither vanish nor blow
 * up), kept in immutable arrays and shared by all threads: each worker, thread or JVM, holds the same model,
 * as a real service would load it once. Java's float arithmetic is strict (IEEE 754, no fused
 * multiply-add unless asked for, and every sum below runs in a fixed order), so the logits are bit-for-bit the
 * same on every JVM and CPU.
 *
 * <p>Input (big-endian): {@code int batch, int features}, then {@code batch * features} floats.
 * {@link #generateInput} fills as many vectors as fit in {@code payloadBytes} (default 32 KiB, a batch of 32)
 * with seeded values in [-1, 1). Output: {@code batch * outputs} floats, big-endian.
 */
public final class MlpInferenceWorkload implements Workload {

    public static final String ID = "mlp-inference";
    static final int[] DEFAULT_LAYERS = {256, 512, 512, 10};
    static final long WEIGHT_SEED = 0x6D6C70L; // "mlp"
    static final int MAX_BATCH = 1 << 20;

    // The default model is built on first use, not when ServiceLoader instantiates the catalogue, so that
    // listing the workloads in a fresh worker JVM stays cheap.
    private static final class DefaultModel {
        static final Network NETWORK = Network.generate(DEFAULT_LAYERS, WEIGHT_SEED);
    }

    /** null for the default model, which is then taken from {@link DefaultModel}. */
    private final Network custom;

    public MlpInferenceWorkload() {
        this.custom = null;
    }

    /** A network of these layer sizes (input first), with weights generated from the same fixed seed. */
    public MlpInferenceWorkload(int... layerSizes) {
        this.custom = Network.generate(layerSizes, WEIGHT_SEED);
    }

    /** A network with the given weights ({@code weights[l][o * in + i]}) and biases ({@code biases[l][o]}). */
    MlpInferenceWorkload(float[][] weights, float[][] biases, int... layerSizes) {
        this.custom = new Network(layerSizes, weights, biases);
    }

    private Network network() {
        return custom != null ? custom : DefaultModel.NETWORK;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        int[] layers = custom != null ? custom.layerSizes : DEFAULT_LAYERS;
        return "forward pass of a dense " + Arrays.stream(layers).mapToObj(Integer::toString)
                .collect(Collectors.joining("-")) + " ReLU network over a batch of float vectors (32)";
    }

    @Override
    public WorkloadClass workloadClass() {
        return WorkloadClass.INFERENCE;
    }

    /** 32 input vectors of the default 256 floats; the input is 8 bytes longer (the header). */
    @Override
    public int defaultPayloadBytes() {
        return 32 * DEFAULT_LAYERS[0] * Float.BYTES;
    }

    @Override
    public byte[] generateInput(InputSpec spec) {
        WorkloadOptions.of(ID, spec);
        int features = network().inputs();
        int batch = spec.payloadBytes() / (features * Float.BYTES);
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException(ID + ": payloadBytes " + spec.payloadBytes() + " holds "
                    + batch + " vectors of " + features + " floats; valid: " + features * Float.BYTES + " .. "
                    + (long) MAX_BATCH * features * Float.BYTES);
        }
        Random random = SeededRandom.of(spec.seed());
        float[] vectors = new float[batch * features];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = random.nextFloat() * 2f - 1f;
        }
        return encode(batch, features, vectors);
    }

    /** Lays out an input; public so that callers and tests can run vectors of their choice. */
    public static byte[] encode(int batch, int features, float[] vectors) {
        ByteBuffer buffer = ByteBuffer.allocate(2 * Integer.BYTES + vectors.length * Float.BYTES);
        buffer.putInt(batch).putInt(features);
        buffer.asFloatBuffer().put(vectors);
        return buffer.array();
    }

    @Override
    public byte[] execute(byte[] input) {
        Network network = network();
        var reader = InputReader.of(ID, input);
        int batch = reader.readInt("batch", 1, MAX_BATCH);
        int features = reader.readInt("features", network.inputs(), network.inputs());
        reader.expectRemaining("the vectors (batch x features x 4 = " + batch + " x " + features + " x 4)",
                (long) batch * features * Float.BYTES);
        float[] vectors = new float[batch * features];
        ByteBuffer.wrap(input, reader.position(), reader.remaining()).asFloatBuffer().get(vectors);

        int outputs = network.outputs();
        float[] logits = new float[batch * outputs];
        for (int b = 0; b < batch; b++) {
            float[] activations = Arrays.copyOfRange(vectors, b * features, (b + 1) * features);
            for (int layer = 0; layer < network.layers(); layer++) {
                activations = network.forward(layer, activations);
            }
            System.arraycopy(activations, 0, logits, b * outputs, outputs);
        }
        ByteBuffer output = ByteBuffer.allocate(logits.length * Float.BYTES);
        output.asFloatBuffer().put(logits);
        return output.array();
    }

    /** Immutable after construction; the arrays never leave this class, so sharing it is thread-safe. */
    static final class Network {
        private final int[] layerSizes;
        private final float[][] weights;
        private final float[][] biases;

        Network(int[] layerSizes, float[][] weights, float[][] biases) {
            if (layerSizes.length < 2) {
                throw new IllegalArgumentException("a network needs at least 2 layer sizes (input and output), got "
                        + Arrays.toString(layerSizes));
            }
            for (int size : layerSizes) {
                if (size < 1) {
                    throw new IllegalArgumentException("layer sizes must be >= 1, got "
                            + Arrays.toString(layerSizes));
                }
            }
            int layers = layerSizes.length - 1;
            if (weights.length != layers || biases.length != layers) {
                throw new IllegalArgumentException("layer sizes " + Arrays.toString(layerSizes) + " need "
                        + layers + " weight matrices and bias vectors");
            }
            this.layerSizes = layerSizes.clone();
            this.weights = new float[layers][];
            this.biases = new float[layers][];
            for (int l = 0; l < layers; l++) {
                int in = layerSizes[l];
                int out = layerSizes[l + 1];
                if (weights[l].length != in * out || biases[l].length != out) {
                    throw new IllegalArgumentException("layer " + l + " (" + in + " -> " + out + ") needs "
                            + in * out + " weights and " + out + " biases, got " + weights[l].length + " and "
                            + biases[l].length);
                }
                this.weights[l] = weights[l].clone();
                this.biases[l] = biases[l].clone();
            }
        }

        static Network generate(int[] layerSizes, long seed) {
            Random random = SeededRandom.of(seed);
            int layers = Math.max(0, layerSizes.length - 1);
            float[][] weights = new float[layers][];
            float[][] biases = new float[layers][];
            for (int l = 0; l < layers; l++) {
                int in = Math.max(1, layerSizes[l]);
                int out = Math.max(0, layerSizes[l + 1]);
                float bound = (float) Math.sqrt(6.0 / in); // He-uniform, suited to ReLU
                weights[l] = new float[in * out];
                for (int i = 0; i < weights[l].length; i++) {
                    weights[l][i] = (random.nextFloat() * 2f - 1f) * bound;
                }
                biases[l] = new float[out];
                for (int o = 0; o < out; o++) {
                    biases[l][o] = (random.nextFloat() * 2f - 1f) * 0.1f;
                }
            }
            return new Network(layerSizes, weights, biases);
        }

        int inputs() {
            return layerSizes[0];
        }

        int outputs() {
            return layerSizes[layerSizes.length - 1];
        }

        int layers() {
            return weights.length;
        }

        /** out[o] = bias[o] + sum over i in order of w[o][i] * in[i]; ReLU on all but the last layer. */
        float[] forward(int layer, float[] in) {
            float[] w = weights[layer];
            float[] bias = biases[layer];
            int inputs = in.length;
            float[] out = new float[bias.length];
            boolean relu = layer < weights.length - 1;
            for (int o = 0; o < out.length; o++) {
                float sum = bias[o];
                int row = o * inputs;
                for (int i = 0; i < inputs; i++) {
                    sum += w[row + i] * in[i];
                }
                out[o] = relu && sum < 0f ? 0f : sum;
            }
            return out;
        }

        float weight(int layer, int index) {
            return weights[layer][index];
        }

        float bias(int layer, int index) {
            return biases[layer][index];
        }
    }

    /** The model this workload runs; tests use it to check the forward pass against a reference. */
    Network model() {
        return network();
    }
}
