package org.offloadbench.reports.read;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.offloadbench.core.result.ResultsFormatException;

/**
 * Reads an HdrHistogram interval log ({@code .hlog}) and adds all of its intervals into one histogram:
 * the report shows the whole measured period, the raw file keeps the time series for HistogramLogAnalyzer.
 */
public final class HlogReader {
    private HlogReader() {
    }

    public static Histogram readTotal(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ResultsFormatException("histogram log not found: " + file);
        }
        Histogram total = null;
        try {
            HistogramLogReader reader = new HistogramLogReader(file.toFile());
            try {
                EncodableHistogram interval;
                while ((interval = reader.nextIntervalHistogram()) != null) {
                    if (!(interval instanceof Histogram h)) {
                        throw new ResultsFormatException(file + " holds floating-point histograms; "
                                + "the report reads integer (Histogram) logs only");
                    }
                    if (total == null) {
                        total = new Histogram(h.getNumberOfSignificantValueDigits());
                    }
                    total.add(h);
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
        if (total == null) {
            throw new ResultsFormatException("histogram log " + file + " holds no intervals");
        }
        return total;
    }
}
