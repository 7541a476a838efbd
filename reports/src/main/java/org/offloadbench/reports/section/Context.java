package org.offloadbench.reports.section;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.offloadbench.core.result.ModelInfo;
import org.offloadbench.core.result.ResultsFormatException;
import org.offloadbench.core.result.SuiteStatus;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.html.Csv;
import org.offloadbench.reports.read.RunData;

/** What every section builder needs: the run's data, where to write, and stable model order and colours. */
public record Context(RunData data, Path reportDir) {

    /** Models in run.json's order, then any others that only appear in the figures, alphabetically. */
    public List<String> modelOrder() {
        Set<String> names = new LinkedHashSet<>();
        if (data.run().models() != null) {
            data.run().models().forEach(m -> names.add(m.name()));
        }
        names.addAll(data.records().stream().map(SummaryRecord::model).collect(Collectors.toCollection(TreeSet::new)));
        return new ArrayList<>(names);
    }

    public List<String> modelsIn(Collection<SummaryRecord> records) {
        Set<String> present = records.stream().map(SummaryRecord::model).collect(Collectors.toSet());
        return modelOrder().stream().filter(present::contains).toList();
    }

    /** The same model keeps the same colour in every chart of the report. */
    public int colorOf(String model) {
        return modelOrder().indexOf(model);
    }

    public Optional<SuiteStatus> status(String suite) {
        if (data.run().suites() == null) {
            return Optional.empty();
        }
        return data.run().suites().stream().filter(s -> s.suite().equals(suite)).findFirst();
    }

    /** A line about a suite that did not finish normally; null when it is done. */
    public String statusLine(String suite) {
        return status(suite).filter(s -> !"done".equals(s.state()))
                .map(s -> "Suite " + s.state() + (s.message() == null || s.message().isBlank() ? "" : ": " + s.message())
                        + (data.records().stream().anyMatch(r -> r.suite().equals(suite))
                        ? " — showing what it finished." : ""))
                .orElse(null);
    }

    /**
     * A model's name as a table shows it: with " (Node)" after the Node reference rows (family {@code node}), so a
     * reader never takes them for JVM models.
     */
    public String label(String model) {
        boolean node = model(model).map(m -> m.traits() != null && "node".equals(m.traits().family())).orElse(false);
        return node ? model + " (Node)" : model;
    }

    public Optional<ModelInfo> model(String name) {
        if (data.run().models() == null) {
            return Optional.empty();
        }
        return data.run().models().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * The options a row of the run was measured with, defaults included, from run.json's
     * {@code config.modelRows}; empty when the run recorded none for it (a model not measured, an older run).
     */
    public Map<String, String> optionsOf(String model) {
        Object rows = data.run().config() == null ? null : data.run().config().get("modelRows");
        if (!(rows instanceof List<?> list)) {
            return Map.of();
        }
        for (Object o : list) {
            if (o instanceof Map<?, ?> row && model.equals(row.get("name")) && row.get("options") instanceof Map<?, ?> m) {
                Map<String, String> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
                return out;
            }
        }
        return Map.of();
    }

    /** Distinct workloads of the records, in first-seen order. */
    public static List<String> workloads(Collection<SummaryRecord> records) {
        return records.stream().map(SummaryRecord::workload).distinct().toList();
    }

    public static long paramLong(SummaryRecord r, String key) {
        String v = r.param(key);
        if (v == null) {
            throw new ResultsFormatException(r.suite() + "/" + r.model() + "/" + r.metric()
                    + " lacks the parameter '" + key + "' (has " + r.params().keySet() + ")");
        }
        try {
            return Math.round(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            throw new ResultsFormatException(r.suite() + "/" + r.model() + "/" + r.metric() + ": parameter '"
                    + key + "' is not a number: '" + v + "'", e);
        }
    }

    public static double paramDouble(SummaryRecord r, String key) {
        String v = r.param(key);
        try {
            return v == null ? Double.NaN : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ResultsFormatException(r.suite() + "/" + r.model() + "/" + r.metric() + ": parameter '"
                    + key + "' is not a number: '" + v + "'", e);
        }
    }

    /** The first record matching model, workload, metric and the given params (others are ignored). */
    public static Optional<SummaryRecord> find(Collection<SummaryRecord> records, String model, String workload,
                                               String metric, Map<String, String> params) {
        return records.stream().filter(r -> r.model().equals(model) && r.workload().equals(workload)
                        && r.metric().equals(metric)
                        && params.entrySet().stream().allMatch(e -> e.getValue().equals(r.param(e.getKey()))))
                .findFirst();
    }

    /** All the records at full precision, the generic form of the data behind a chart or table. */
    public static Csv recordsCsv(Collection<SummaryRecord> records) {
        Csv csv = new Csv("suite", "model", "workload", "params", "metric", "value", "unit", "ciLow", "ciHigh", "n");
        for (SummaryRecord r : records) {
            String params = r.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(";"));
            csv.row(r.suite(), r.model(), r.workload(), params, r.metric(), r.value(), r.unit(), r.ciLow(),
                    r.ciHigh(), r.n());
        }
        return csv;
    }

    public static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
