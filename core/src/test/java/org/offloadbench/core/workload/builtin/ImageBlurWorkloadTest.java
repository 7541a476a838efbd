package org.offloadbench.core.workload.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.WorkloadException;

class ImageBlurWorkloadTest {

    private final ImageBlurWorkload workload = new ImageBlurWorkload();

    private static byte[] uniform(int pixels, int r, int g, int b) {
        byte[] rgb = new byte[pixels * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return rgb;
    }

    private static int red(byte[] rgb, int width, int x, int y) {
        return rgb[(y * width + x) * 3] & 0xFF;
    }

    @Test
    void uniformImageStaysUniformAtEveryRadius() {
        byte[] rgb = uniform(7 * 5, 10, 200, 255);
        for (int radius = 0; radius <= ImageBlurWorkload.MAX_RADIUS; radius++) {
            assertArrayEquals(rgb, workload.execute(ImageBlurWorkload.encode(7, 5, radius, rgb)), "radius " + radius);
        }
    }

    @Test
    void radiusZeroIsTheIdentity() {
        byte[] input = workload.generateInput(InputSpec.of(3, 300).withOption("radius", "0"));
        assertArrayEquals(Arrays.copyOfRange(input, ImageBlurWorkload.HEADER_BYTES, input.length), workload.execute(input));
    }

    /** Kernel 1 2 1 / 4 both ways, rounded after each pass; worked by hand. */
    @Test
    void brightPixelSpreadsAsWorkedByHand() {
        byte[] rgb = new byte[5 * 5 * 3];
        rgb[(2 * 5 + 2) * 3] = (byte) 200; // red only
        byte[] out = workload.execute(ImageBlurWorkload.encode(5, 5, 1, rgb));
        int[][] expected = {
            {0, 0, 0, 0, 0},
            {0, 13, 25, 13, 0},
            {0, 25, 50, 25, 0},
            {0, 13, 25, 13, 0},
            {0, 0, 0, 0, 0},
        };
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                assertEquals(expected[y][x], red(out, 5, x, y), "red at " + x + "," + y);
                assertEquals(0, out[(y * 5 + x) * 3 + 1], "green stays dark");
                assertEquals(0, out[(y * 5 + x) * 3 + 2], "blue stays dark");
            }
        }
    }

    @Test
    void brightPixelSpreadsSymmetricallyAndFallsOffFromTheCentre() {
        int side = 17;
        int c = side / 2;
        byte[] rgb = new byte[side * side * 3];
        rgb[(c * side + c) * 3] = (byte) 255;
        byte[] out = workload.execute(ImageBlurWorkload.encode(side, side, 4, rgb));
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int v = red(out, side, x, y);
                assertEquals(v, red(out, side, side - 1 - x, y), "mirror in x at " + x + "," + y);
                assertEquals(v, red(out, side, x, side - 1 - y), "mirror in y at " + x + "," + y);
                boolean inKernel = Math.abs(x - c) <= 4 && Math.abs(y - c) <= 4;
                if (!inKernel) {
                    assertEquals(0, v, "nothing beyond the radius at " + x + "," + y);
                }
            }
        }
        for (int d = 0; d < 4; d++) {
            assertTrue(red(out, side, c + d, c) >= red(out, side, c + d + 1, c), "falls off along x");
            assertTrue(red(out, side, c, c + d) >= red(out, side, c, c + d + 1), "falls off along y");
        }
        assertTrue(red(out, side, c, c) > 0 && red(out, side, c, c) < 255);
    }

    @Test
    void generatedInputIsTheLargestSquareThatFits() {
        byte[] input = workload.generateInput(InputSpec.golden(workload));
        assertEquals(ImageBlurWorkload.HEADER_BYTES + 256 * 256 * 3, input.length);
        byte[] small = workload.generateInput(InputSpec.of(1, 100)); // 5 x 5 x 3 = 75 <= 100 < 6 x 6 x 3
        assertEquals(ImageBlurWorkload.HEADER_BYTES + 75, small.length);
        assertThrows(IllegalArgumentException.class, () -> workload.generateInput(InputSpec.of(1, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.of(1, 300).withOption("radius", "12")));
    }

    @Test
    void malformedHeaderIsAWorkloadException() {
        var mismatch = assertThrows(WorkloadException.class,
                () -> workload.execute(ImageBlurWorkload.encode(4, 4, 1, new byte[47])));
        assertTrue(mismatch.getMessage().contains("should be 48 bytes"), mismatch.getMessage());
        assertThrows(WorkloadException.class, () -> workload.execute(ImageBlurWorkload.encode(0, 4, 1, new byte[0])));
        assertThrows(WorkloadException.class,
                () -> workload.execute(ImageBlurWorkload.encode(4, 4, 99, new byte[48])));
        // width x height x 3 overflows an int: must be refused, not wrap around
        assertThrows(WorkloadException.class,
                () -> workload.execute(ImageBlurWorkload.encode(65536, 65536, 1, new byte[0])));
    }
}
