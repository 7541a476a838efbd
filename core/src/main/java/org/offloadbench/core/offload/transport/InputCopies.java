package org.offloadbench.core.offload.transport;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The pool's own copies of COPY-handoff inputs (a retry must resend the original bytes, and the caller may
 * reuse its array once submit returns), recycled once a worker has answered their task.
 *
 * <p>Why recycle: a fresh 16 MiB array is cold memory (zeroed or page-faulted, out of cache), and cloning into
 * it cost 2.7 ms here where a copy into a recycled array of the same size cost 0.7 ms. Only arrays this pool
 * allocated are recycled, never a caller's transferred array, and only after a worker has answered the task:
 * a worker answers after it has read the whole request, so no writer still reads the array.
 *
 * <p>Bounded: at most {@link #MAX_KEPT_BYTES} are kept, the most recently returned first (the warmest).
 */
public final class InputCopies {

    /** Below this a fresh array comes from the thread-local allocation buffer and is cheap. */
    public static final int MIN_RECYCLED_BYTES = 1 << 20;
    /** The default frame payload limit: one largest copy, or four 16 MiB ones. */
    public static final long MAX_KEPT_BYTES = 64L << 20;

    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private long keptBytes;

    /** A copy of {@code input} that belongs to the pool. */
    public byte[] copyOf(byte[] input) {
        byte[] copy = input.length >= MIN_RECYCLED_BYTES ? take(input.length) : null;
        if (copy == null) {
            return input.clone();
        }
        System.arraycopy(input, 0, copy, 0, input.length);
        return copy;
    }

    /** Gives back a copy made by {@link #copyOf} whose task a worker has answered; nobody may touch it after. */
    public synchronized void recycle(byte[] copy) {
        if (copy.length < MIN_RECYCLED_BYTES || copy.length > MAX_KEPT_BYTES) {
            return;
        }
        while (keptBytes + copy.length > MAX_KEPT_BYTES) {
            keptBytes -= free.removeLast().length;
        }
        free.addFirst(copy);
        keptBytes += copy.length;
    }

    /** Bytes held for reuse now. */
    public synchronized long keptBytes() {
        return keptBytes;
    }

    private synchronized byte[] take(int length) {
        for (Iterator<byte[]> it = free.iterator(); it.hasNext(); ) {
            byte[] a = it.next();
            if (a.length == length) {
                it.remove();
                keptBytes -= length;
                return a;
            }
        }
        return null;
    }
}
