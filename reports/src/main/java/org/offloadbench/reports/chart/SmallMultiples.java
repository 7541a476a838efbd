package org.offloadbench.reports.chart;

import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.Range;

/**
 * A line chart with more models than the palette can tell apart, drawn as small multiples: one panel per
 * model family (the part of a model's name before '/': threads, process, cluster, shm), the panels in a
 * grid on one image, every panel on the same axes so they compare at a glance. Colours are numbered afresh
 * inside each panel, so no two models of a panel share one; grey reference lines (floors, the idle
 * baseline) appear in every panel. Line charts ({@link LineChart}) and percentile charts ({@link PercentileChart})
 * switch to it by themselves above {@link #MAX_COLOURS} colours.
 */
public final class SmallMultiples {
    /** Colours one panel can tell apart. */
    public static final int MAX_COLOURS = ChartStyle.PALETTE_SIZE;
    static final int COLUMNS = 2;
    static final int PANEL_HEIGHT = 300;
    /** Space around the data on a linear axis shared by the panels (a log axis gets a factor instead). */
    private static final double MARGIN = 0.05;

    private SmallMultiples() {
    }

    /** One panel: its title and its lines. */
    public record Panel(String title, List<Series> series) {
        public Panel {
            series = List.copyOf(series);
        }
    }

    /** The palette colours the series need: grey reference lines (negative index) need none. */
    public static int coloursNeeded(List<Series> series) {
        return (int) series.stream().mapToInt(Series::colorIndex).filter(i -> i >= 0).distinct().count();
    }

    /** True when one chart could not give every model its own colour. */
    public static boolean needed(List<Series> series) {
        return coloursNeeded(series) > MAX_COLOURS;
    }

    /** "threads/platform-pool (USL fit)" -> "threads"; a name without '/' is its own family. */
    public static String family(String seriesName) {
        int slash = seriesName.indexOf('/');
        return slash > 0 ? seriesName.substring(0, slash) : seriesName;
    }

    /**
     * One panel per family in first-seen order (a family with more models than {@link #MAX_COLOURS} is
     * split in parts); reference series go into every panel; colours renumbered per panel in order.
     */
    public static List<Panel> byFamily(List<Series> series) {
        return groupByFamily(series, Series::name, Series::colorIndex,
                (s, colour) -> new Series(s.name(), s.xs(), s.ys(), colour, s.dashed(), s.shapes()))
                .stream().map(g -> new Panel(g.title(), g.members())).toList();
    }

    /** Lines of any kind (series, percentile curves) grouped into panels: a title and the lines in it. */
    public record Group<T>(String title, List<T> members) {
        public Group {
            members = List.copyOf(members);
        }
    }

    /**
     * {@link #byFamily} for any kind of line: {@code nameOf} gives the name the family is read from,
     * {@code colourOf} its palette index (negative: a grey reference, put into every panel), and
     * {@code withColour} a copy of it with another colour.
     */
    public static <T> List<Group<T>> groupByFamily(List<T> lines, Function<T, String> nameOf, ToIntFunction<T> colourOf,
                                                   BiFunction<T, Integer, T> withColour) {
        List<T> reference = lines.stream().filter(l -> colourOf.applyAsInt(l) < 0).toList();
        Map<String, List<T>> families = new LinkedHashMap<>();
        for (T line : lines) {
            if (colourOf.applyAsInt(line) >= 0) {
                families.computeIfAbsent(family(nameOf.apply(line)), k -> new ArrayList<>()).add(line);
            }
        }
        List<Group<T>> groups = new ArrayList<>();
        families.forEach((family, members) -> {
            List<List<T>> parts = splitByColour(members, colourOf);
            for (int p = 0; p < parts.size(); p++) {
                List<T> panel = new ArrayList<>(renumber(parts.get(p), colourOf, withColour));
                panel.addAll(reference);
                groups.add(new Group<>(parts.size() == 1 ? family : family + " (" + (p + 1) + " of " + parts.size() + ")",
                        panel));
            }
        });
        return groups;
    }

    /** Parts of at most {@link #MAX_COLOURS} colours each; lines sharing a colour stay together. */
    private static <T> List<List<T>> splitByColour(List<T> members, ToIntFunction<T> colourOf) {
        List<Integer> colours = new ArrayList<>(new LinkedHashSet<>(
                members.stream().map(colourOf::applyAsInt).toList()));
        List<List<T>> parts = new ArrayList<>();
        for (int from = 0; from < colours.size(); from += MAX_COLOURS) {
            Set<Integer> part = Set.copyOf(colours.subList(from, Math.min(colours.size(), from + MAX_COLOURS)));
            parts.add(members.stream().filter(m -> part.contains(colourOf.applyAsInt(m))).toList());
        }
        return parts;
    }

    private static <T> List<T> renumber(List<T> members, ToIntFunction<T> colourOf, BiFunction<T, Integer, T> withColour) {
        Map<Integer, Integer> local = new LinkedHashMap<>();
        List<T> out = new ArrayList<>();
        for (T m : members) {
            int colour = local.computeIfAbsent(colourOf.applyAsInt(m), k -> local.size());
            out.add(withColour.apply(m, colour));
        }
        return out;
    }

    /** Inside a panel titled with the family, "threads/platform-pool" reads "platform-pool". */
    static String withoutFamily(String name) {
        int slash = name.indexOf('/');
        return slash > 0 ? name.substring(slash + 1) : name;
    }

    /** Draws the panels {@link #COLUMNS} to a row, every panel on the same x and y range. */
    public static ChartImage write(Path reportDir, String name, String xLabel, boolean logX, boolean integerX,
                                   String yLabel, boolean logY, List<Panel> panels, List<Marker> markers)
            throws IOException {
        List<String> titles = new ArrayList<>();
        List<JFreeChart> charts = new ArrayList<>();
        for (Panel panel : panels) {
            charts.add(LineChart.chart(xLabel, logX, integerX, yLabel, logY, legendNames(panel), markers));
            titles.add(panel.title());
            oneLegendEntryPerColour(charts.get(charts.size() - 1), panel.series());
        }
        return drawGrid(reportDir, name, titles, charts, null, logX, logY, markers);
    }

    /**
     * Draws the charts {@link #COLUMNS} to a row on one image, each under its title, all on one y range and
     * on {@code xRange} (null: the union of their data, as for y).
     */
    static ChartImage drawGrid(Path reportDir, String name, List<String> titles, List<JFreeChart> charts, Range xRange,
                               boolean logX, boolean logY, List<Marker> markers) throws IOException {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("no panels to draw for chart " + name);
        }
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).setTitle(new TextTitle(titles.get(i), new Font(Font.SANS_SERIF, Font.BOLD, 13)));
        }
        Range x = xRange != null ? xRange : shared(charts, true, logX, List.of());
        Range y = shared(charts, false, logY, markers);
        for (JFreeChart chart : charts) {
            if (x != null) {
                chart.getXYPlot().getDomainAxis().setRange(x);
            }
            if (y != null) {
                chart.getXYPlot().getRangeAxis().setRange(y);
            }
        }
        int columns = Math.min(COLUMNS, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        int panelWidth = ChartStyle.WIDTH / columns;
        int height = rows * PANEL_HEIGHT;
        return PngWriter.write(reportDir, name, ChartStyle.WIDTH, height, g -> {
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(g, new Rectangle2D.Double((i % columns) * panelWidth, (i / columns) * PANEL_HEIGHT,
                        panelWidth, PANEL_HEIGHT));
            }
        });
    }

    private static List<Series> legendNames(Panel panel) {
        List<Series> out = new ArrayList<>();
        for (Series s : panel.series()) {
            String name = s.colorIndex() >= 0 ? withoutFamily(s.name()) : s.name();
            out.add(new Series(name, s.xs(), s.ys(), s.colorIndex(), s.dashed(), s.shapes()));
        }
        return out;
    }

    /**
     * A model's fit shares its colour and is told apart by its dash, which the caption explains: the legend
     * names each colour once, so a panel's legend stays a line or two and its plot keeps its height.
     */
    private static void oneLegendEntryPerColour(JFreeChart chart, List<Series> series) {
        var renderer = chart.getXYPlot().getRenderer();
        Set<Integer> shown = new java.util.HashSet<>();
        for (int i = 0; i < series.size(); i++) {
            int colour = series.get(i).colorIndex();
            if (colour >= 0 && !shown.add(colour)) {
                renderer.setSeriesVisibleInLegend(i, false);
            }
        }
    }

    /** The union of the panels' data ranges (and the markers' values), with a margin; null when empty. */
    static Range shared(List<JFreeChart> charts, boolean domain, boolean log, List<Marker> markers) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (JFreeChart chart : charts) {
            var plot = chart.getXYPlot();
            Range r = domain ? plot.getDataRange(plot.getDomainAxis()) : plot.getDataRange(plot.getRangeAxis());
            if (r != null) {
                lo = Math.min(lo, r.getLowerBound());
                hi = Math.max(hi, r.getUpperBound());
            }
        }
        for (Marker m : markers) {
            if (!log || m.value() > 0) {
                lo = Math.min(lo, m.value());
                hi = Math.max(hi, m.value());
            }
        }
        if (lo > hi) {
            return null;
        }
        if (log) {
            return new Range(lo / 1.25, hi * 1.25);
        }
        if (!domain) {
            lo = Math.min(lo, 0); // a linear value axis starts at zero, as a single chart's does
        }
        double span = hi - lo == 0 ? Math.max(1, Math.abs(hi)) : hi - lo;
        double low = lo >= 0 ? Math.max(0, lo - MARGIN * span) : lo - MARGIN * span;
        return new Range(low, hi + MARGIN * span);
    }
}
