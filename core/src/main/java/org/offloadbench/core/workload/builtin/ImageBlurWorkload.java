package org.offloadbench.core.workload.builtin;

import java.nio.ByteBuffer;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;

/**
 * {@code image-blur}: a separable Gaussian blur of an RGB raster, a horizontal pass and then a vertical one.
 *
 * <p>The kernel is the binomial row of {@code 2 * radius + 1} taps ({@code 1 4 6 4 1} for radius 2), the
 * integer approximation of a Gaussian with sigma = sqrt(radius / 2). Its weights sum to
 * {@code 2^(2 * radius)}, so each pass normalizes with a rounding shift: integer math only, hence the same
 * bytes on every JVM and CPU, and a uniform image stays exactly uniform. Edges repeat the border pixel.
 *
 * <p>Input (big-endian): {@code int width, int height, int radius}, then {@code width * height} pixels of
 * three bytes (R, G, B), row by row. {@link #generateInput} makes the largest square raster that fits in
 * {@code payloadBytes} (default 256 x 256) from seeded noise and gradients; option {@code radius} (0..
 * {@value #MAX_RADIUS}, default {@value #DEFAULT_RADIUS}). Output: the blurred raster, same size and layout
 * without the header.
 */
public final class ImageBlurWorkload implements Workload {

    public static final String ID = "image-blur";
    static final int DEFAULT_RADIUS = 4;
    /** 255 x 2^22 still fits an int accumulator. */
    static final int MAX_RADIUS = 11;
    static final int HEADER_BYTES = 3 * Integer.BYTES;
    static final int CHANNELS = 3;
    /** The largest array most JVMs allocate. */
    static final int MAX_INPUT_BYTES = Integer.MAX_VALUE - 8;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "separable Gaussian blur (9-tap binomial kernel) of a 256x256 RGB raster, integer math";
    }

    @Override
    public WorkloadClass workloadClass() {
        return WorkloadClass.IMAGE;
    }

    /** The raster's size, 256 x 256 x 3; the input is 12 bytes longer (the header). */
    @Override
    public int defaultPayloadBytes() {
        return 256 * 256 * CHANNELS;
    }

    @Override
    public byte[] generateInput(InputSpec spec) {
        int radius = WorkloadOptions.of(ID, spec, "radius").intOption("radius", DEFAULT_RADIUS, 0, MAX_RADIUS);
        int side = (int) Math.sqrt(spec.payloadBytes() / (double) CHANNELS);
        if (side < 1 || (long) side * side * CHANNELS + HEADER_BYTES > MAX_INPUT_BYTES) {
            throw new IllegalArgumentException(ID + ": payloadBytes " + spec.payloadBytes()
                    + " does not give a raster that fits in an array; valid: " + CHANNELS + " .. "
                    + (MAX_INPUT_BYTES - HEADER_BYTES));
        }
        var random = SeededRandom.of(spec.seed());
        byte[] rgb = new byte[side * side * CHANNELS];
        // Smooth gradients plus noise: something a blur visibly changes, and not compressible to nothing.
        for (int y = 0, i = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int noise = random.nextInt(64);
                rgb[i++] = (byte) Math.min(255, x * 192 / side + noise);
                rgb[i++] = (byte) Math.min(255, y * 192 / side + noise);
                rgb[i++] = (byte) Math.min(255, (x + y) * 96 / side + noise);
            }
        }
        return encode(side, side, radius, rgb);
    }

    /** Lays out an input; public so that callers and tests can blur a raster of their choice. */
    public static byte[] encode(int width, int height, int radius, byte[] rgb) {
        return ByteBuffer.allocate(HEADER_BYTES + rgb.length)
                .putInt(width).putInt(height).putInt(radius).put(rgb).array();
    }

    @Override
    public byte[] execute(byte[] input) {
        var reader = InputReader.of(ID, input);
        int width = reader.readInt("width", 1, Integer.MAX_VALUE);
        int height = reader.readInt("height", 1, Integer.MAX_VALUE);
        int radius = reader.readInt("radius", 0, MAX_RADIUS);
        reader.expectRemaining("the raster (width x height x 3 = " + width + " x " + height + " x 3)",
                (long) width * height * CHANNELS);
        return blur(input, reader.position(), width, height, radius);
    }

    private static byte[] blur(byte[] src, int offset, int width, int height, int radius) {
        int[] kernel = binomialRow(2 * radius);
        int shift = 2 * radius;
        int half = (1 << shift) >> 1; // rounds to nearest; 0 when radius is 0 (weight 1, no shift)
        int rowBytes = width * CHANNELS;
        byte[] horizontal = new byte[height * rowBytes];
        for (int y = 0; y < height; y++) {
            int row = offset + y * rowBytes;
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < CHANNELS; c++) {
                    int sum = half;
                    for (int k = -radius; k <= radius; k++) {
                        int xx = Math.min(Math.max(x + k, 0), width - 1);
                        sum += kernel[k + radius] * (src[row + xx * CHANNELS + c] & 0xFF);
                    }
                    horizontal[y * rowBytes + x * CHANNELS + c] = (byte) (sum >>> shift);
                }
            }
        }
        byte[] out = new byte[height * rowBytes];
        for (int y = 0; y < height; y++) {
            for (int i = 0; i < rowBytes; i++) {
                int sum = half;
                for (int k = -radius; k <= radius; k++) {
                    int yy = Math.min(Math.max(y + k, 0), height - 1);
                    sum += kernel[k + radius] * (horizontal[yy * rowBytes + i] & 0xFF);
                }
                out[y * rowBytes + i] = (byte) (sum >>> shift);
            }
        }
        return out;
    }

    /** Row n of Pascal's triangle: C(n, 0) .. C(n, n); sums to 2^n. */
    static int[] binomialRow(int n) {
        int[] row = new int[n + 1];
        row[0] = 1;
        for (int k = 1; k <= n; k++) {
            row[k] = (int) ((long) row[k - 1] * (n - k + 1) / k);
        }
        return row;
    }
}
