package org.offloadbench.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallMultiplesTest {
    private static final List<String> MODELS = List.of("threads/platform-pool", "threads/fork-join", "threads/virtual",
            "threads/mailbox", "threads/thread-per-task", "process/pipes", "process/child-per-task", "cluster/kernel",
            "cluster/primary", "cluster/grpc", "shm/zero-copy");

    @TempDir
    Path tmp;

    /** A measured line and its dashed fit per model, sharing the model's colour, as the scaling chart draws them. */
    private static List<Series> linesAndFits(int models) {
        List<Series> out = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            out.add(new Series(MODELS.get(m), List.of(1.0, 2.0), List.of(10.0 + m, 19.0 + m), m, false, true));
            out.add(new Series(MODELS.get(m) + " (USL fit)", List.of(1.0, 2.0), List.of(10.0 + m, 18.0 + m), m, true,
                    false));
        }
        return out;
    }

    @Test
    void oneChartUpToThePalettesColoursPanelsAboveIt() {
        assertEquals(8, SmallMultiples.MAX_COLOURS);
        assertFalse(SmallMultiples.needed(linesAndFits(8)), "16 lines in 8 colours: each model has its own colour");
        assertTrue(SmallMultiples.needed(linesAndFits(9)), "a 9th model would repeat a colour");
        List<Series> withFloor = new ArrayList<>(linesAndFits(8));
        withFloor.add(new Series("memcpy floor", List.of(1.0), List.of(1.0), -1, true, false));
        assertFalse(SmallMultiples.needed(withFloor), "a grey reference line needs no palette colour");
    }

    @Test
    void panelsPerFamilyWithColoursTheirOwnAndTheReferenceInEach() {
        List<Series> series = new ArrayList<>(linesAndFits(11));
        series.add(new Series("baseline-idle", List.of(1.0, 2.0), List.of(0.1, 0.1), -1, true, true));
        List<SmallMultiples.Panel> panels = SmallMultiples.byFamily(series);
        assertEquals(List.of("threads", "process", "cluster", "shm"), panels.stream().map(SmallMultiples.Panel::title).toList());
        SmallMultiples.Panel cluster = panels.get(2);
        assertEquals(List.of("cluster/kernel", "cluster/kernel (USL fit)", "cluster/primary", "cluster/primary (USL fit)",
                "cluster/grpc", "cluster/grpc (USL fit)", "baseline-idle"),
                cluster.series().stream().map(Series::name).toList());
        assertEquals(List.of(0, 0, 1, 1, 2, 2, -1), cluster.series().stream().map(Series::colorIndex).toList(),
                "colours renumbered inside the panel, a model and its fit keep one, the reference stays grey");
        for (SmallMultiples.Panel p : panels) {
            assertTrue(SmallMultiples.coloursNeeded(p.series()) <= SmallMultiples.MAX_COLOURS, p.title());
            assertEquals("baseline-idle", p.series().get(p.series().size() - 1).name());
        }
    }

    @Test
    void aFamilyWithMoreModelsThanColoursIsSplitInParts() {
        List<Series> series = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            series.add(new Series("threads/m" + m, List.of(1.0), List.of(1.0), m, false, true));
        }
        List<SmallMultiples.Panel> panels = SmallMultiples.byFamily(series);
        assertEquals(List.of("threads (1 of 2)", "threads (2 of 2)"), panels.stream().map(SmallMultiples.Panel::title).toList());
        assertEquals(8, panels.get(0).series().size());
        assertEquals(2, panels.get(1).series().size());
    }

    @Test
    void lineChartDrawsTooManyModelsAsAGridOfPanelsOnOneImage() throws IOException {
        ChartImage one = LineChart.write(tmp, "few", "workers", false, true, "ops/s", false, linesAndFits(3), List.of());
        assertEquals(ChartStyle.HEIGHT, one.height());
        ChartImage grid = LineChart.write(tmp, "many", "workers", false, true, "ops/s", false, linesAndFits(11),
                List.of(new Marker("floor", 12.0)));
        assertEquals(ChartStyle.WIDTH, grid.width());
        assertEquals(2 * SmallMultiples.PANEL_HEIGHT, grid.height(), "four families, two panels a row");
        BufferedImage png = ImageIO.read(tmp.resolve(grid.relativePath()).toFile());
        assertEquals(2 * grid.height(), png.getHeight());
    }

    @Test
    void percentileCurvesOfTooManyModelsAlsoBecomePanels() throws IOException {
        List<PercentileChart.Curve> curves = new ArrayList<>();
        curves.add(new PercentileChart.Curve("baseline-idle", histogram(100), 1e6, -1, true));
        for (int m = 0; m < MODELS.size(); m++) {
            curves.add(new PercentileChart.Curve(MODELS.get(m) + " · sha256", histogram(1000 + m), 1e6, m, false));
        }
        ChartImage grid = PercentileChart.write(tmp, "hiccups", "hiccup (ms)", curves);
        assertEquals(2 * SmallMultiples.PANEL_HEIGHT, grid.height(), "threads, process, cluster, shm: two rows");
        ChartImage one = PercentileChart.write(tmp, "few", "hiccup (ms)", curves.subList(0, 6));
        assertEquals(ChartStyle.HEIGHT, one.height(), "five models and the baseline fit one chart");
    }

    private static org.HdrHistogram.Histogram histogram(long base) {
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(base * i);
        }
        return h;
    }

    @Test
    void panelsShareOneScaleSoTheyCompare() {
        var charts = List.of(
                LineChart.chart("x", false, true, "y", false,
                        List.of(new Series("a/1", List.of(1.0, 2.0), List.of(5.0, 10.0), 0, false, true)), List.of()),
                LineChart.chart("x", false, true, "y", false,
                        List.of(new Series("b/1", List.of(1.0, 4.0), List.of(50.0, 100.0), 0, false, true)), List.of()));
        var y = SmallMultiples.shared(charts, false, false, List.of());
        assertEquals(0, y.getLowerBound(), "a linear value axis starts at zero");
        assertEquals(105, y.getUpperBound(), 1e-9, "the largest value of any panel, plus a 5 % margin");
        var x = SmallMultiples.shared(charts, true, false, List.of());
        assertEquals(1 - 0.15, x.getLowerBound(), 1e-9);
        assertEquals(4 + 0.15, x.getUpperBound(), 1e-9);
        var logY = SmallMultiples.shared(charts, false, true, List.of(new Marker("floor", 1.0)));
        assertEquals(1 / 1.25, logY.getLowerBound(), 1e-9, "a marker is kept in view");
    }
}
