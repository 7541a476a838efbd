package org.offloadbench.core.measure;

/**
 * A model returned bytes that differ from a direct in-thread run. Measuring stops: wrong bytes are a
 * failure, never a fast result.
 */
public class ChecksumMismatchException extends RuntimeException {
    public ChecksumMismatchException(String message) {
        super(message);
    }
}
