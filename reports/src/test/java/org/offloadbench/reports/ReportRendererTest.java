package org.offloadbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.result.Metric;

class ReportRendererTest {
    @TempDir
    Path tmp;

    @Test
    void rendersEverySectionInOrderWithChartsAndCsv() throws IOException {
        Path run = Fixtures.writeFullRun(tmp.resolve("run"));
        Path index = new ReportRenderer().render(run);
        assertEquals(run.resolve("report/index.html"), index);
        String html = Files.readString(index);

        List<String> order = List.of("id=\"verdict\"", "id=\"tradeoffs\"", "id=\"overhead\"", "id=\"copy\"",
                "id=\"scaling\"", "id=\"latency\"", "id=\"startup\"", "id=\"responsiveness\"", "id=\"resilience\"",
                "id=\"calibration\"", "id=\"environment\"");
        int last = -1;
        for (String id : order) {
            int at = html.indexOf(id);
            assertTrue(at > last, id + " missing or out of order");
            last = at;
        }
        // every model is named, the unavailable one with its reason
        for (String model : List.of(Fixtures.POOL, Fixtures.FJ, Fixtures.PROC, Fixtures.VIRTUAL)) {
            assertTrue(html.contains(model), model);
        }
        assertTrue(html.contains("needs JDK 21 or newer (running 17)"));
        // the trade-off matrix shows the options each model ran with (run.json's config.modelRows)
        assertTrue(html.contains("<th>options</th>"), "an options column");
        String text = html.replace("&#61;", "="); // the template escapes '='
        assertTrue(text.contains(">abandonGraceMillis=200<") && text.contains(">dispatch=least-busy<"), "options shown");
        assertFalse(html.contains("run incomplete"), "a complete run has no banner");
        assertFalse(html.contains("<script src"), "no external scripts");
        assertFalse(html.matches("(?s).*(href|src)=\"https?://.*"), "no network resources");
        assertTrue(html.contains("not enough points for a fit"), "sha256 on the process model has two points");
        assertTrue(html.contains("HistogramLogAnalyzer") && html.contains("JMH Visualizer"));
        assertTrue(html.contains("href=\"../jmh/overhead-1a2b3c4d.json\""));
        assertTrue(html.contains("href=\"../load/threads_platform-pool-sha256-95-corrected.hlog\""));

        // every image exists, is a PNG at twice the size the HTML gives it, and has its CSV beside it
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            images++;
            Path png = index.getParent().resolve(img.group(1));
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(2 * Integer.parseInt(img.group(2)), image.getWidth(), png.toString());
            assertEquals(2 * Integer.parseInt(img.group(3)), image.getHeight(), png.toString());
        }
        assertTrue(images >= 10, "charts drawn: " + images);
        Matcher csv = Pattern.compile("href=\"(data/[^\"]+\\.csv)\"").matcher(html);
        int csvs = 0;
        while (csv.find()) {
            csvs++;
            assertTrue(Files.size(index.getParent().resolve(csv.group(1))) > 0, csv.group(1));
        }
        assertTrue(csvs >= images, "every chart has its data: " + csvs + " CSV links for " + images + " charts");
    }

    @Test
    void aRatioFromAWideThroughputIsMarkedWideEvenWithoutItsOwnInterval() throws IOException {
        Fixtures f = new Fixtures();
        // one worker measured with an interval from zero: the runner can give the ratios no interval at all
        f.add(Fixtures.rec("scaling", Fixtures.POOL, "sha256", Map.of("workers", "1"), Metric.THROUGHPUT, 5709, 0.0,
                12339.0, 5));
        f.add(Fixtures.rec("scaling", Fixtures.POOL, "sha256", Map.of("workers", "2"), Metric.THROUGHPUT, 12255, 0.05, 5));
        f.add(Fixtures.rec("scaling", Fixtures.POOL, "sha256", Map.of("workers", "2"), Metric.EFFICIENCY, 107.3, null,
                null, 5));
        f.add(Fixtures.rec("scaling", Fixtures.PROC, "sha256", Map.of("workers", "1"), Metric.THROUGHPUT, 5000, 0.05, 5));
        f.add(Fixtures.rec("scaling", Fixtures.PROC, "sha256", Map.of("workers", "2"), Metric.THROUGHPUT, 9000, 0.05, 5));
        f.add(Fixtures.rec("scaling", Fixtures.PROC, "sha256", Map.of("workers", "2"), Metric.EFFICIENCY, 90, null,
                null, 5));
        Path run = tmp.resolve("wide");
        f.write(run, "20261128-010000-quick-00000009", true, Fixtures.statuses(List.of("scaling"), "done"),
                Fixtures.environment("cpu"));
        String html = Files.readString(new ReportRenderer().render(run));
        assertTrue(html.contains("class=\"num wide\">107<span class=\"ci\">no CI · n&#61;5 · from a wide throughput"),
                "the efficiency from a one-worker interval of 0-12,339 is marked");
        assertTrue(html.contains("class=\"num\">90<span class=\"ci\">no CI · n&#61;5</span>"),
                "a ratio from narrow throughputs reads plainly");
    }

    @Test
    void latencyCsvHoldsCorrectedAndUncorrectedCurves() throws IOException {
        Path run = Fixtures.writeFullRun(tmp.resolve("run"));
        new ReportRenderer().render(run);
        List<String> lines = Files.readAllLines(run.resolve("report/data/latency-threads_platform-pool-sha256.csv"));
        assertEquals("model,workload,ratePercent,targetRate,timing,percentile,latency_us", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains(",corrected,")));
        assertTrue(lines.stream().anyMatch(l -> l.contains(",uncorrected,")));
    }

    @Test
    void rerenderingLeavesNoStaleCharts() throws IOException {
        Path run = Fixtures.writeFullRun(tmp.resolve("run"));
        new ReportRenderer().render(run);
        Path stale = run.resolve("report/charts/left-over.png");
        Files.write(stale, new byte[] {1});
        new ReportRenderer().render(run);
        assertFalse(Files.exists(stale));
        try (Stream<Path> charts = Files.list(run.resolve("report/charts"))) {
            assertTrue(charts.count() >= 10);
        }
    }

    @Test
    void fourteenModelsGetSmallMultiplesAndTheHiccupLogsATimeSeriesChart() throws Exception {
        Path run = Fixtures.writeManyModelsRun(tmp.resolve("run"));
        String html = Files.readString(new ReportRenderer().render(run));
        // 15 models (PROC of the base fixture too) in 4 families (threads, process, cluster, shm): four panels, two a row
        assertTrue(html.contains("src=\"charts/scaling-sum-loop.png\" width=\"960\" height=\"600\""),
                "the scaling chart of sum-loop is a grid of panels");
        assertTrue(html.contains("src=\"charts/hiccups-over-time.png\" width=\"960\" height=\"600\""),
                "hiccups over time drawn, in panels");
        assertTrue(html.contains("src=\"charts/hiccups.png\" width=\"960\" height=\"600\""),
                "the hiccup percentile curves in panels too");
        List<String> csv = Files.readAllLines(run.resolve("report/data/hiccups-over-time.csv"));
        assertEquals("model,workload,interval_start_s,interval_end_s,samples,p99_ms,max_ms", csv.get(0));
        List<String> zeroCopy = csv.stream().filter(l -> l.startsWith("shm/zero-copy,")).toList();
        assertEquals(8, zeroCopy.size(), "one row per interval of the model's .hlog");
    }
}
