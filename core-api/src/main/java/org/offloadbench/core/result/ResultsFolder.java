package org.offloadbench.core.result;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The on-disk layout of one run, {@code results/<run-id>/}:
 * <pre>
 *   run.json        RunRecord: environment, config, suites' status, models
 *   summary.json    array of SummaryRecord: every figure the report shows
 *   jmh/*.json      raw JMH results
 *   load/*.hlog     HdrHistogram interval logs
 *   calibration/    C sources, binaries' output
 *   report/         the rendered report
 * </pre>
 * Files are written to a temporary name and moved into place, so an interrupted run never leaves a
 * half-written JSON file behind.
 */
public final class ResultsFolder {
    public static final String RUN_FILE = "run.json";
    public static final String SUMMARY_FILE = "summary.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    private ResultsFolder(Path dir) {
        this.dir = dir;
    }

    /** Creates (if needed) a folder to write a run into. */
    public static ResultsFolder create(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new ResultsFolder(dir);
    }

    /**
     * Opens an existing results folder for reading.
     *
     * @throws ResultsFormatException when the folder or its run.json is missing, unreadable, or of another
     *                                format version
     */
    public static ResultsFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ResultsFormatException("results folder not found: " + dir);
        }
        ResultsFolder folder = new ResultsFolder(dir);
        folder.readRun();
        return folder;
    }

    public Path dir() {
        return dir;
    }

    public Path resolve(String relative) {
        return dir.resolve(relative);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public RunRecord readRun() {
        Path file = dir.resolve(RUN_FILE);
        if (!Files.isRegularFile(file)) {
            throw new ResultsFormatException(dir + " is not a results folder: it has no " + RUN_FILE);
        }
        RunRecord run;
        try {
            run = MAPPER.readValue(file.toFile(), RunRecord.class);
        } catch (IOException e) {
            throw new ResultsFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (run.formatVersion() != RunRecord.FORMAT_VERSION) {
            throw new ResultsFormatException(dir + " has results format " + run.formatVersion()
                    + "; this version reads format " + RunRecord.FORMAT_VERSION
                    + " only (re-run the benchmarks, or render it with the version that wrote it)");
        }
        return run;
    }

    /** The figures; an empty list when the run ended before any suite wrote one. */
    public List<SummaryRecord> readSummary() {
        Path file = dir.resolve(SUMMARY_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return MAPPER.readValue(file.toFile(), new TypeReference<List<SummaryRecord>>() { });
        } catch (IOException e) {
            throw new ResultsFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void writeRun(RunRecord run) throws IOException {
        writeJson(RUN_FILE, run);
    }

    public void writeSummary(List<SummaryRecord> records) throws IOException {
        writeJson(SUMMARY_FILE, records);
    }

    /** Writes any value as JSON under {@code relative}, atomically. */
    public void writeJson(String relative, Object value) throws IOException {
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        MAPPER.writeValue(tmp.toFile(), value);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
