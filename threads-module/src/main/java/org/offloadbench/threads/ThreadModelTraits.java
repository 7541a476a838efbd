package org.offloadbench.threads;

import org.offloadbench.core.offload.ModelTraits;

/** The trade-offs all thread models share; only the Node analog differs between them. */
final class ThreadModelTraits {
    private ThreadModelTraits() {
    }

    static ModelTraits of(String nodeAnalog) {
        return new ModelTraits(
                "threads",
                "none: workers share the caller's heap and process",
                "a throwing task fails only itself; a task that exhausts the heap, halts or crashes the JVM takes "
                        + "the caller down with it; a task that ignores interrupts can only be abandoned, never killed",
                true, // Task.transferring hands the array over without a copy; COPY clones it on submit
                "none (threads inside the caller's JVM)",
                nodeAnalog);
    }
}
