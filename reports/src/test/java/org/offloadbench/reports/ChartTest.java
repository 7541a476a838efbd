package org.offloadbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.result.Metric;
import org.offloadbench.reports.chart.ChartImage;
import org.offloadbench.reports.chart.LineChart;
import org.offloadbench.reports.chart.PercentileChart;
import org.offloadbench.reports.chart.Series;

class ChartTest {
    @TempDir
    Path tmp;

    @Test
    void pngIsDrawnAtTwiceItsCssSize() throws IOException {
        ChartImage image = LineChart.write(tmp, "x", "workers", false, "ops/s", false,
                List.of(new Series("m", List.of(1.0, 2.0), List.of(10.0, 19.0), 0, false, true)), List.of());
        assertEquals("charts/x.png", image.relativePath());
        BufferedImage png = ImageIO.read(tmp.resolve("charts/x.png").toFile());
        assertEquals(2 * image.width(), png.getWidth());
        assertEquals(2 * image.height(), png.getHeight());
    }

    @Test
    void percentileCurveMapsPercentilesToDecadesOfTheTail() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 100_000; i++) {
            h.recordValue(i * 10L); // 10 ns ... 1 ms, uniform
        }
        List<double[]> points = PercentileChart.points(h, 1000.0);
        // x = log10(1/(1-p)): the 99th percentile sits at x = 2, and its value is 990 us (uniform, in us)
        double[] p99 = points.stream().filter(p -> Math.abs(p[0] - 2) < 0.05).findFirst().orElseThrow();
        assertEquals(990, p99[1], 990 * 0.01);
        assertTrue(points.stream().allMatch(p -> Double.isFinite(p[0])), "the 100 % point is dropped, not infinite");
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i)[0] >= points.get(i - 1)[0] && points.get(i)[1] >= points.get(i - 1)[1]);
        }
    }

    @Test
    void aRunWithoutWorkloadClassesSaysWhyThereIsNoVerdict() throws IOException {
        Fixtures f = new Fixtures();
        f.add(Fixtures.rec("overhead", Fixtures.POOL, "noop", Map.of("payloadBytes", "64"), Metric.ROUND_TRIP_NS, 2000, 0.05, 25));
        Path run = tmp.resolve("run");
        f.write(run, "20261127-130000-quick-00000004", true, Fixtures.statuses(List.of("overhead"), "done"),
                Fixtures.environment("cpu"));
        Path json = run.resolve("run.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"workloadClasses\"", "\"formerlyWorkloadClasses\""));
        String html = Files.readString(new ReportRenderer().render(run));
        assertTrue(html.contains("config.workloadClasses names no workload to judge"), "explains the missing verdict");
        assertTrue(html.contains("id=\"overhead\""));
    }
}
