package org.offloadbench.node;

import org.offloadbench.core.offload.support.TaskHandle;

/** One accepted task on its way through node: its wire id and the bytes to send. */
final class NodeCall {
    final TaskHandle handle;
    final long id;
    /** The caller's array, or the JVM's copy of a COPY input that had to wait here. */
    byte[] input;
    long sentNanos;

    NodeCall(TaskHandle handle, long id) {
        this.handle = handle;
        this.id = id;
        this.input = handle.input();
    }
}
