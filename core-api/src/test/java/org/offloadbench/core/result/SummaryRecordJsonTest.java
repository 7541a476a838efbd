package org.offloadbench.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryRecordJsonTest {

    private static SummaryRecord figure(List<Double> samples) {
        return new SummaryRecord("scaling", "threads/platform-pool", "sha256", Map.of("workers", "2"), "throughput",
                1000, "ops/s", 900.0, 1100.0, 3, samples);
    }

    @Test
    void samplesRoundTripAndAreWrittenOnlyWhenPresent(@TempDir Path dir) throws Exception {
        ResultsFolder folder = ResultsFolder.create(dir);
        folder.writeSummary(List.of(figure(List.of(950.0, 1000.0, 1050.0)), figure(null)));

        String json = Files.readString(dir.resolve(ResultsFolder.SUMMARY_FILE));
        assertEquals(1, json.split("\"samples\"", -1).length - 1, "only the figure with samples names the field");

        List<SummaryRecord> back = folder.readSummary();
        assertEquals(List.of(950.0, 1000.0, 1050.0), back.get(0).samples());
        assertTrue(back.get(0).hasSamples());
        assertNull(back.get(1).samples());
        assertFalse(back.get(1).hasSamples());
        assertEquals(figure(null), back.get(1));
    }

    @Test
    void aSummaryWrittenBeforeSamplesExistedStillReads(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ResultsFolder.SUMMARY_FILE), "[{\"suite\":\"overhead\",\"model\":\"m\","
                + "\"workload\":\"noop\",\"params\":{\"payloadBytes\":\"64\"},\"metric\":\"roundTrip\",\"value\":12.5,"
                + "\"unit\":\"ns\",\"ciLow\":null,\"ciHigh\":null,\"n\":2}]");
        SummaryRecord r = ResultsFolder.create(dir).readSummary().get(0);
        assertEquals(12.5, r.value());
        assertNull(r.samples());
    }

    @Test
    void samplesMustBeFiniteAndAreCopied() {
        assertThrows(IllegalArgumentException.class, () -> figure(Arrays.asList(1.0, Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> figure(Arrays.asList(1.0, null)));
        double[] raw = {1, 2, 3};
        SummaryRecord r = figure(null).withSamples(SummaryRecord.samplesOf(raw));
        raw[0] = 99;
        assertEquals(List.of(1.0, 2.0, 3.0), r.samples());
        assertNull(SummaryRecord.samplesOf(new double[0]));
    }
}
