package org.offloadbench.hazelcast;

import java.util.concurrent.Future;

import org.offloadbench.core.offload.support.TaskHandle;

/**
 * What {@link HazelcastOffloader} keeps of one accepted task beside its {@link TaskHandle} (which alone
 * decides the outcome): where it runs and its call. Every field is guarded by the offloader's lock.
 */
final class Job {
    final TaskHandle handle;
    /** Sends so far; a second one is the retry after its member died. */
    int attempts;
    MemberSlot slot;
    Future<WorkloadReply> call;

    Job(TaskHandle handle) {
        this.handle = handle;
    }

    boolean isRunning() {
        return handle.state() == TaskHandle.State.RUNNING;
    }
}
