package org.offloadbench.cluster.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.wire.FrameLimits;

/** cluster/grpc's options: defaults, and a clear error naming the valid choices for every bad value. */
class GrpcOptionsTest {
    private static GrpcOptions parse(String key, String value) {
        return GrpcOptions.parse(GrpcCluster.NAME, OffloaderConfig.of(2, 8).withOption(key, value));
    }

    private static String error(String key, String value) {
        return assertThrows(IllegalArgumentException.class, () -> parse(key, value)).getMessage();
    }

    @Test
    void defaults() {
        GrpcOptions o = GrpcOptions.parse(GrpcCluster.NAME, OffloaderConfig.of(2, 8));
        assertTrue(o.retry());
        assertTrue(o.directExecutor());
        assertFalse(o.remote());
        assertEquals(1, o.workerConcurrency());
        assertEquals(FrameLimits.DEFAULT_MAX_PAYLOAD_BYTES, o.maxPayloadBytes());
        assertEquals(30_000, o.deadlineMarginMillis());
    }

    @Test
    void goodValuesAreTaken() {
        assertFalse(parse("retry", "off").retry());
        assertFalse(parse("executor", "pool").directExecutor());
        GrpcOptions remote = parse("backends", "10.0.0.5:9500, hostb:9501");
        assertEquals(2, remote.backends().size());
        assertEquals(9501, remote.backends().get(1).port());
        assertEquals(4, parse("workerConcurrency", "4").workerConcurrency());
    }

    @Test
    void badValuesNameTheOptionAndTheValidChoices() {
        assertTrue(error("retry", "maybe").contains("valid: on, off"), error("retry", "maybe"));
        assertTrue(error("executor", "x").contains("direct, pool"), error("executor", "x"));
        assertTrue(error("backends", "nohostport").contains("host:port"), error("backends", "nohostport"));
        assertTrue(error("workerConcurrency", "0").contains("workerConcurrency"), error("workerConcurrency", "0"));
        assertTrue(error("maxPayloadBytes", "-1").contains("maxPayloadBytes"), error("maxPayloadBytes", "-1"));
        String unknown = error("policy", "least-connections");
        assertTrue(unknown.contains("policy") && unknown.contains("retry"), unknown);
    }
}
