package org.offloadbench.reports.read;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.ResultsFormatException;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SummaryRecord;

/**
 * Everything a report is drawn from, read once from a results folder: run.json, summary.json and the
 * indexes of the histogram logs. Absent optional files read as empty; a folder that is not a results
 * folder (or one of another format) fails with {@link ResultsFormatException}.
 */
public record RunData(Path dir, RunRecord run, List<SummaryRecord> records, List<LoadLogEntry> loadLogs,
                      List<HiccupLogEntry> hiccupLogs) {

    public static final String LOAD_INDEX = "load/index.json";
    public static final String HICCUP_INDEX = "hiccup/index.json";

    public static RunData read(Path dir) {
        if (dir == null) {
            throw new ResultsFormatException("no results folder given");
        }
        ResultsFolder folder = ResultsFolder.open(dir);
        RunRecord run = folder.readRun();
        List<SummaryRecord> records = folder.readSummary();
        return new RunData(dir, run, records == null ? List.of() : List.copyOf(records),
                readIndex(dir.resolve(LOAD_INDEX), new TypeReference<List<LoadLogEntry>>() { }),
                readIndex(dir.resolve(HICCUP_INDEX), new TypeReference<List<HiccupLogEntry>>() { }));
    }

    private static <T> List<T> readIndex(Path file, TypeReference<List<T>> type) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<T> list = ResultsFolder.mapper().readValue(file.toFile(), type);
            return list == null ? List.of() : List.copyOf(list);
        } catch (IOException e) {
            throw new ResultsFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public List<SummaryRecord> select(String suite, Predicate<SummaryRecord> filter) {
        List<SummaryRecord> out = new ArrayList<>();
        for (SummaryRecord r : records) {
            if (r.suite().equals(suite) && filter.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    public List<SummaryRecord> select(String suite, String metric) {
        return select(suite, r -> r.metric().equals(metric));
    }

    /** Suites with a status or at least one figure, in run order. */
    public Set<String> suitesPresent() {
        Set<String> suites = new LinkedHashSet<>();
        if (run.suites() != null) {
            run.suites().forEach(s -> suites.add(s.suite()));
        }
        records.forEach(r -> suites.add(r.suite()));
        return suites;
    }

    /** {@code config.workloadClasses}: workload id to WorkloadClass name, in the recorded order. */
    public Map<String, String> workloadClasses() {
        return stringMap("workloadClasses");
    }

    public Map<String, String> workloadDescriptions() {
        return stringMap("workloadDescriptions");
    }

    private Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        Object value = run.config() == null ? null : run.config().get(key);
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }
}
