package org.offloadbench.hazelcast;

import com.hazelcast.cluster.Member;
import org.offloadbench.core.worker.ChildJvm;

/**
 * One worker: a Hazelcast member with one executor thread. Guarded by the offloader's lock.
 * {@code process} is null for members started elsewhere.
 */
final class MemberSlot {
    final int index;
    final int port;
    Member member;
    ChildJvm process;
    Job running;
    /** A cancelled or timed-out task may still run there: no new task until its stop is answered. */
    boolean draining;
    boolean alive;
    int failedStarts;

    MemberSlot(int index, int port) {
        this.index = index;
        this.port = port;
    }

    boolean idle() {
        return alive && running == null && !draining;
    }

    String workerId() {
        return process != null ? "member-" + process.pid() : "member-" + member.getAddress();
    }
}
