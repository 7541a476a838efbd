package org.offloadbench.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FixedHeapTest {

    @Test
    void addsAFixedHeapInFrontOfOtherFlags() {
        assertEquals(List.of("-Xms512m", "-Xmx512m"), FixedHeap.withDefault(List.of(), "512m"));
        assertEquals(List.of("-Xms1g", "-Xmx1g", "-XX:+UseZGC"), FixedHeap.withDefault(List.of("-XX:+UseZGC"), "1g"));
    }

    @Test
    void flagsThatSizeTheHeapWinAndNothingIsAdded() {
        for (String sized : List.of("-Xmx4g", "-Xms2g", "-XX:MaxRAMPercentage=50", "-XX:InitialRAMPercentage=5",
                "-XX:MaxHeapSize=3g", "-XX:InitialHeapSize=1g", "-XX:MaxRAM=8g")) {
            List<String> flags = List.of("-XX:+UseSerialGC", sized);
            assertTrue(FixedHeap.sizesHeap(flags), sized);
            assertEquals(flags, FixedHeap.withDefault(flags, "512m"), sized);
        }
        assertFalse(FixedHeap.sizesHeap(List.of("-Xss512k", "-XX:MaxRAMFraction=2", "-XX:+UseSerialGC")));
    }
}
