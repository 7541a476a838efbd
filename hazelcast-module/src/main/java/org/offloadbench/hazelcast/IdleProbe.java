package org.offloadbench.hazelcast;

import java.util.concurrent.Callable;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Sent after a running task was cancelled or timed out. A member runs one task at a time, so the probe
 * answers only once the interrupted task has really returned; a probe without an answer within the grace
 * period means the task ignores interrupts, and the member is killed and replaced.
 */
public final class IdleProbe implements Callable<Boolean>, IdentifiedDataSerializable {
    @Override
    public Boolean call() {
        return Boolean.TRUE;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // no fields
    }

    @Override
    public void readData(ObjectDataInput in) {
        // no fields
    }

    @Override
    public int getFactoryId() {
        return OffloadSerializables.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return OffloadSerializables.IDLE_PROBE;
    }
}
