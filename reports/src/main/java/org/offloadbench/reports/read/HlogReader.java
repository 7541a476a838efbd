package org.offloadbench.reports.read;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.offloadbench.core.result.ResultsFormatException;

/**
 * Reads an HdrHistogram interval log ({@code .hlog}): as one histogram of the whole measured period, or as
 * its time series of intervals (the hiccup meter writes one about every second, as jHiccup does).
 */
public final class HlogReader {
    private HlogReader() {
    }

    /**
     * One line of a log.
     *
     * @param startSeconds from the log's StartTime (or from its first interval when it has none)
     * @param endSeconds   likewise
     */
    public record Interval(double startSeconds, double endSeconds, Histogram histogram) {
    }

    /** Every interval of the log summed into one histogram. */
    public static Histogram readTotal(Path file) {
        Histogram total = null;
        for (Interval i : readSeries(file)) {
            if (total == null) {
                total = new Histogram(i.histogram().getNumberOfSignificantValueDigits());
            }
            total.add(i.histogram());
        }
        return total;
    }

    /** The intervals in file order: the time series HistogramLogAnalyzer plots. */
    public static List<Interval> readSeries(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ResultsFormatException("histogram log not found: " + file);
        }
        List<Interval> series = new ArrayList<>();
        try {
            HistogramLogReader reader = new HistogramLogReader(file.toFile());
            try {
                EncodableHistogram interval;
                double originMillis = Double.NaN;
                while ((interval = reader.nextIntervalHistogram()) != null) {
                    if (!(interval instanceof Histogram h)) {
                        throw new ResultsFormatException(file + " holds floating-point histograms; "
                                + "the report reads integer (Histogram) logs only");
                    }
                    if (Double.isNaN(originMillis)) {
                        // the reader makes timestamps absolute from the log's StartTime when it has one
                        double start = reader.getStartTimeSec() * 1000;
                        originMillis = start > 0 && start <= h.getStartTimeStamp() ? start : h.getStartTimeStamp();
                    }
                    series.add(new Interval((h.getStartTimeStamp() - originMillis) / 1000,
                            (h.getEndTimeStamp() - originMillis) / 1000, h));
                }
            } finally {
                reader.close();
            }
        } catch (FileNotFoundException e) {
            throw new ResultsFormatException("histogram log not found: " + file, e);
        } catch (RuntimeException e) {
            if (e instanceof ResultsFormatException) {
                throw e;
            }
            throw new ResultsFormatException("cannot read histogram log " + file + ": " + e, e);
        }
        if (series.isEmpty()) {
            throw new ResultsFormatException("histogram log " + file + " holds no intervals");
        }
        return series;
    }
}
