package org.offloadbench.hazelcast;

import java.io.IOException;
import java.util.concurrent.Callable;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.wire.Frame;

/**
 * One task on its way to a member: its id (for {@link StopCall}), the workload id and the input bytes. It runs on the member's executor
 * thread through core's {@link org.offloadbench.core.worker.TaskExecutor}, so failures are reported exactly
 * as the pipe and HTTP workers report them.
 */
public final class WorkloadCall implements Callable<WorkloadReply>, IdentifiedDataSerializable {
    private long taskId;
    private String workloadId;
    private byte[] input;

    /** For deserialization. */
    public WorkloadCall() {
    }

    WorkloadCall(long taskId, String workloadId, byte[] input) {
        this.taskId = taskId;
        this.workloadId = workloadId;
        this.input = input;
    }

    @Override
    public WorkloadReply call() {
        MemberTasks tasks = MemberTasks.instance();
        if (!tasks.begin(taskId)) {
            return WorkloadReply.of(MemberRuntime.executor().error(taskId, FailureKind.CANCELLED,
                    workloadId + " was stopped before it started"));
        }
        try {
            return WorkloadReply.of(MemberRuntime.executor().execute(new Frame.Request(taskId, workloadId, 0, input), 0));
        } finally {
            tasks.end(taskId);
        }
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(taskId);
        out.writeString(workloadId);
        out.writeByteArray(input);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        taskId = in.readLong();
        workloadId = in.readString();
        input = in.readByteArray();
    }

    @Override
    public int getFactoryId() {
        return OffloadSerializables.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffloadSerializables.WORKLOAD_CALL;
    }
}
