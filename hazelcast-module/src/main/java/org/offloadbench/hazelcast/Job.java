package org.offloadbench.hazelcast;

import org.offloadbench.core.offload.support.TaskHandle;

/**
 * What {@link HazelcastOffloader} keeps of one accepted task beside its {@link TaskHandle} (which alone
 * decides the outcome): its id and where it runs. Every field is guarded by the offloader's lock.
 */
final class Job {
    final TaskHandle handle;
    /** Names the task on its member, for {@link StopCall}; the same on a retry. */
    final long taskId;
    /** Sends so far; a second one is the retry after its member died. */
    int attempts;
    MemberSlot slot;

    Job(TaskHandle handle, long taskId) {
        this.handle = handle;
        this.taskId = taskId;
    }

    boolean isRunning() {
        return handle.state() == TaskHandle.State.RUNNING;
    }
}
