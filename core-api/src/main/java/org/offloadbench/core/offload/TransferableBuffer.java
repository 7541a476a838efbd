package org.offloadbench.core.offload;

/**
 * A byte buffer whose ownership can be transferred exactly once. After {@link #detach()} the sender's
 * handle is dead: {@link #bytes()} throws, so code that keeps writing after the hand-off fails loudly
 * instead of racing with the worker. This is the JVM analog of a transferred {@code ArrayBuffer}.
 */
public final class TransferableBuffer {
    private byte[] bytes;

    public TransferableBuffer(byte[] bytes) {
        this.bytes = java.util.Objects.requireNonNull(bytes, "bytes");
    }

    /** The bytes, while this handle still owns them. */
    public synchronized byte[] bytes() {
        if (bytes == null) {
            throw new IllegalStateException("buffer was transferred; the sender can no longer touch it");
        }
        return bytes;
    }

    public synchronized boolean isDetached() {
        return bytes == null;
    }

    /** Gives the bytes away; this handle is unusable afterwards. */
    public synchronized byte[] detach() {
        byte[] out = bytes();
        bytes = null;
        return out;
    }
}
