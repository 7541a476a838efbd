package org.offloadbench.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.result.SummaryRecord;

class FmtTest {

    private static SummaryRecord throughput(double value, Double low, Double high) {
        return new SummaryRecord("scaling", "m", "sha256", Map.of("workers", "1"), "throughput", value, "ops/s",
                low, high, 5);
    }

    @Test
    void aNarrowIntervalReadsPlainly() {
        Cell c = Fmt.figure(throughput(10_000, 9_000.0, 11_000.0));
        assertEquals("num", c.cls());
        assertEquals("CI 9,000 – 11,000 · n=5", c.sub());
        assertFalse(Fmt.isWide(throughput(10_000, 7_500.0, 12_500.0)), "exactly ±25 % is not wide");
    }

    @Test
    void aWideIntervalIsMarkedWithItsHalfWidth() {
        Cell c = Fmt.figure(throughput(5_709, 0.0, 12_339.0));
        assertEquals("num wide", c.cls());
        assertTrue(c.sub().endsWith("wide: ±108 %"), c.sub());
        assertTrue(Fmt.isWide(throughput(-100, -200.0, -40.0)), "negative values use their magnitude");
    }

    @Test
    void noIntervalOrAZeroValueIsNeverWide() {
        assertFalse(Fmt.isWide(throughput(100, null, null)));
        assertFalse(Fmt.isWide(throughput(0, -5.0, 5.0)));
        assertEquals("num", Fmt.figure(throughput(100, null, null)).cls());
    }
}
