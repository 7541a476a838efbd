package org.offloadbench.bench.rig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.offloadbench.core.measure.SampleStats;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.SummaryRecord;

/** Collects the figures of a run and rewrites summary.json after each suite, so Ctrl-C keeps them. */
public final class SummarySink {
    private final ResultsFolder folder;
    private final List<SummaryRecord> records = new ArrayList<>();

    public SummarySink(ResultsFolder folder) {
        this.folder = folder;
    }

    public synchronized void add(SummaryRecord record) {
        records.add(record);
    }

    /** A figure without an interval (a percentile, a count). */
    public void add(String suite, String model, String workload, Map<String, String> params, Metric metric,
                    double value, long n) {
        add(new SummaryRecord(suite, model, workload, params, metric.id(), value, metric.unit(), null, null, n));
    }

    /** A mean with its interval (none when n < 3) and the samples it is the mean of, kept for a test of difference. */
    public void add(String suite, String model, String workload, Map<String, String> params, Metric metric,
                    SampleStats stats) {
        add(new SummaryRecord(suite, model, workload, params, metric.id(), stats.mean(), metric.unit(),
                stats.ciLowOrNull(), stats.ciHighOrNull(), stats.n(), stats.samples()));
    }

    public synchronized List<SummaryRecord> records() {
        return List.copyOf(records);
    }

    public synchronized void flush() throws IOException {
        folder.writeSummary(List.copyOf(records));
    }
}
