package org.offloadbench.hazelcast;

import java.io.IOException;
import java.util.concurrent.Callable;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Sent when a running task was cancelled or timed out: stops that task on its member ({@link MemberTasks})
 * and answers whether the member's executor is free of it within the grace. It runs on the member's control
 * executor, beside the task's own, so it is answered while the task still runs; false means the task ignores
 * interrupts, and the member is killed and replaced.
 */
public final class StopCall implements Callable<Boolean>, IdentifiedDataSerializable {
    private long taskId;
    private long graceMillis;

    /** For deserialization. */
    public StopCall() {
    }

    StopCall(long taskId, long graceMillis) {
        this.taskId = taskId;
        this.graceMillis = graceMillis;
    }

    @Override
    public Boolean call() throws InterruptedException {
        return MemberTasks.instance().stop(taskId, graceMillis);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(taskId);
        out.writeLong(graceMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        taskId = in.readLong();
        graceMillis = in.readLong();
    }

    @Override
    public int getFactoryId() {
        return OffloadSerializables.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffloadSerializables.STOP_CALL;
    }
}
