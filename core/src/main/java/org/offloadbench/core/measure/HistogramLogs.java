package org.offloadbench.core.measure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Opens .hlog files in the layout HdrHistogram's own tools (HistogramLogAnalyzer, HistogramLogProcessor)
 * read: version, start time, legend, then one line per interval. Values are nanoseconds; the "max" column
 * is written in milliseconds (ratio 1e6), as jHiccup does.
 */
public final class HistogramLogs {
    /** Divides nanosecond values for the max column so it reads in milliseconds. */
    public static final double MAX_VALUE_UNIT_RATIO = 1e6;

    private HistogramLogs() {
    }

    /** An open log; closing it closes the file. */
    public static final class Log implements AutoCloseable {
        private final PrintStream out;
        private final HistogramLogWriter writer;

        private Log(PrintStream out) {
            this.out = out;
            this.writer = new HistogramLogWriter(out);
        }

        public HistogramLogWriter writer() {
            return writer;
        }

        @Override
        public void close() {
            writer.close();
            out.close();
        }
    }

    /**
     * Creates {@code file} (and its folders) with the standard header.
     *
     * @param comment        one line saying what the values are
     * @param startTimeMillis wall-clock start, written as the log's StartTime
     */
    public static Log open(Path file, String comment, long startTimeMillis) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        OutputStream stream = Files.newOutputStream(file);
        Log log = new Log(new PrintStream(stream, false, StandardCharsets.UTF_8));
        log.writer.outputComment(comment);
        log.writer.outputLogFormatVersion();
        log.writer.outputStartTime(startTimeMillis);
        log.writer.setBaseTime(startTimeMillis);
        log.writer.outputLegend();
        return log;
    }
}
