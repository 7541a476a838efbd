package org.offloadbench.core.offload.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InputCopiesTest {

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aCopyIsEqualButNeverTheCallersArray() {
        InputCopies copies = new InputCopies();
        for (int size : new int[] {0, 10, InputCopies.MIN_RECYCLED_BYTES}) {
            byte[] input = random(size, size);
            byte[] copy = copies.copyOf(input);
            assertNotSame(input, copy);
            assertArrayEquals(input, copy);
        }
    }

    @Test
    void aRecycledArrayOfTheSameSizeIsReusedWithTheNewBytes() {
        InputCopies copies = new InputCopies();
        int size = InputCopies.MIN_RECYCLED_BYTES + 1;
        byte[] first = copies.copyOf(random(size, 1));
        copies.recycle(first);
        assertEquals(size, copies.keptBytes());
        byte[] secondInput = random(size, 2);
        byte[] second = copies.copyOf(secondInput);
        assertSame(first, second, "the recycled array is reused");
        assertArrayEquals(secondInput, second, "and holds the new input only");
        assertEquals(0, copies.keptBytes(), "a reused array is no longer kept");
        byte[] other = copies.copyOf(random(size - 1, 3));
        assertNotSame(first, other);
    }

    @Test
    void smallArraysAreNotKeptAndTheKeptBytesAreBounded() {
        InputCopies copies = new InputCopies();
        copies.recycle(new byte[InputCopies.MIN_RECYCLED_BYTES - 1]);
        assertEquals(0, copies.keptBytes());
        int size = 16 << 20;
        byte[] oldest = new byte[size];
        copies.recycle(oldest);
        for (int i = 0; i < 5; i++) {
            copies.recycle(new byte[size]);
        }
        assertEquals(InputCopies.MAX_KEPT_BYTES, copies.keptBytes());
        for (int i = 0; i < 4; i++) {
            assertNotSame(oldest, copies.copyOf(new byte[size]), "the oldest was dropped first");
        }
        assertEquals(0, copies.keptBytes());
    }
}
