package org.offloadbench.hazelcast;

import java.io.IOException;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.wire.Frame;

/**
 * A member's answer: output, the checksum the member computed over it and the workload's run time, or a
 * failure kind with its message. The caller recomputes the checksum, so a corrupted reply never passes.
 */
public final class WorkloadReply implements IdentifiedDataSerializable {
    private boolean ok;
    private String failure = "";
    private String message = "";
    private byte[] output = new byte[0];
    private long checksum;
    private long runNanos;

    /** For deserialization. */
    public WorkloadReply() {
    }

    static WorkloadReply of(Frame answer) {
        WorkloadReply r = new WorkloadReply();
        if (answer instanceof Frame.Response response) {
            r.ok = true;
            r.output = response.payload();
            r.checksum = response.checksum();
            r.runNanos = response.runNanos();
        } else if (answer instanceof Frame.Error error) {
            r.failure = error.failure().name();
            r.message = error.message();
        } else {
            r.failure = FailureKind.WORKER_CRASHED.name();
            r.message = "member answered with an unexpected frame " + answer.getClass().getSimpleName();
        }
        return r;
    }

    boolean ok() {
        return ok;
    }

    FailureKind failure() {
        return FailureKind.valueOf(failure);
    }

    String message() {
        return message;
    }

    byte[] output() {
        return output;
    }

    long checksum() {
        return checksum;
    }

    long runNanos() {
        return runNanos;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeBoolean(ok);
        out.writeString(failure);
        out.writeString(message);
        out.writeByteArray(output);
        out.writeLong(checksum);
        out.writeLong(runNanos);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        ok = in.readBoolean();
        failure = in.readString();
        message = in.readString();
        output = in.readByteArray();
        checksum = in.readLong();
        runNanos = in.readLong();
    }

    @Override
    public int getFactoryId() {
        return OffloadSerializables.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffloadSerializables.WORKLOAD_REPLY;
    }
}
