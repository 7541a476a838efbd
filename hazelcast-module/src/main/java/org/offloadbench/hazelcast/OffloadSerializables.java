package org.offloadbench.hazelcast;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * The only types this model puts on Hazelcast's wire, each {@link IdentifiedDataSerializable}: written field by
 * field with a factory and class id, never through Java serialization (which both member and client also
 * refuse outright, see {@link HazelcastConfigs}).
 */
public final class OffloadSerializables implements DataSerializableFactory {
    /** Factory id registered on members and on the client; any fixed number unused by Hazelcast itself. */
    public static final int FACTORY_ID = 0x0FFB;
    static final int WORKLOAD_CALL = 1;
    static final int WORKLOAD_REPLY = 2;
    static final int STOP_CALL = 3;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case WORKLOAD_CALL -> new WorkloadCall();
            case WORKLOAD_REPLY -> new WorkloadReply();
            case STOP_CALL -> new StopCall();
            default -> throw new IllegalArgumentException("unknown offload-bench type id " + typeId
                    + "; valid: " + WORKLOAD_CALL + ", " + WORKLOAD_REPLY + ", " + STOP_CALL);
        };
    }
}
