package org.offloadbench.reports.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlogReaderTest {
    @TempDir
    Path tmp;

    /** Written the way the runner's hiccup meter writes: relative timestamps from StartTime, one line a second. */
    @Test
    void aTimeSeriesIsReadBackIntervalByIntervalAndAsItsSum() throws Exception {
        Path file = tmp.resolve("h.hlog");
        List<Histogram> written = new ArrayList<>();
        try (var out = new java.io.PrintStream(file.toFile(), "UTF-8")) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(1_764_244_800_000L);
            writer.setBaseTime(1_764_244_800_000L);
            writer.outputLegend();
            for (int i = 0; i < 5; i++) {
                Histogram h = new Histogram(3);
                for (int k = 0; k < 100 + i; k++) {
                    h.recordValue(50_000L);
                }
                h.recordValue(i == 3 ? 25_000_000L : 100_000L);
                writer.outputIntervalHistogram(i * 1.0, i + 1.0, h, 1e6);
                written.add(h);
            }
        }
        List<HlogReader.Interval> series = HlogReader.readSeries(file);
        assertEquals(5, series.size());
        for (int i = 0; i < 5; i++) {
            HlogReader.Interval interval = series.get(i);
            assertEquals(i, interval.startSeconds(), 1e-3);
            assertEquals(i + 1, interval.endSeconds(), 1e-3);
            assertEquals(101 + i, interval.histogram().getTotalCount());
            assertEquals(written.get(i).getMaxValue(), interval.histogram().getMaxValue());
        }
        Histogram total = HlogReader.readTotal(file);
        assertEquals(5 * 101 + 10, total.getTotalCount());
        assertEquals(series.get(3).histogram().getMaxValue(), total.getMaxValue(), "the stall of interval 3");
    }
}
