package org.offloadbench.hazelcast;

import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.worker.TaskExecutor;
import org.offloadbench.core.workload.WorkloadCatalogue;

/** The member JVM's one task executor (built-in and ServiceLoader workloads), made on first use. */
final class MemberRuntime {
    private MemberRuntime() {
    }

    private static final class Holder {
        static final TaskExecutor EXECUTOR = new TaskExecutor(WorkloadCatalogue.load(), FrameLimits.DEFAULT);
    }

    static TaskExecutor executor() {
        return Holder.EXECUTOR;
    }
}
