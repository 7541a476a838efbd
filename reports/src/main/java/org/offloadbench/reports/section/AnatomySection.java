package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.chart.ChartImage;
import org.offloadbench.reports.chart.StackedBarChart;
import org.offloadbench.reports.html.Block;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Figure;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;

/**
 * The anatomy of a hand-off: each model's no-op and 1 MiB echo round trip (one at a time) split into send, queue,
 * run and reply, as stacked bars of their shares and a table of the absolute means. Measured by the granularity
 * suite on its warmed instances; placed near the claims, whose communication row links here.
 */
public final class AnatomySection {
    public static final String ID = "anatomy";
    static final List<Metric> PARTS = List.of(Metric.HANDOFF_SEND, Metric.HANDOFF_QUEUE, Metric.HANDOFF_RUN,
            Metric.HANDOFF_REPLY);
    static final List<String> PART_NAMES = List.of("send", "queue", "run", "reply");

    private AnatomySection() {
    }

    /** The parts of one model's round trip of one workload, or empty when any is missing. */
    public static Optional<List<SummaryRecord>> parts(List<SummaryRecord> records, String model, String workload) {
        List<SummaryRecord> out = new ArrayList<>();
        for (Metric m : PARTS) {
            Optional<SummaryRecord> r = records.stream().filter(x -> x.model().equals(model)
                    && x.workload().equals(workload) && x.metric().equals(m.id())).findFirst();
            if (r.isEmpty()) {
                return Optional.empty();
            }
            out.add(r.get());
        }
        return Optional.of(out);
    }

    public static Optional<SummaryRecord> roundTrip(List<SummaryRecord> records, String model, String workload) {
        return records.stream().filter(x -> x.model().equals(model) && x.workload().equals(workload)
                && x.metric().equals(Metric.HANDOFF_ROUND_TRIP.id())).findFirst();
    }

    public static List<SummaryRecord> records(Context ctx) {
        return ctx.data().select(Granularity.SUITE, r -> r.metric().startsWith("handoff-"));
    }

    public static Optional<SectionView> build(Context ctx) throws IOException {
        List<SummaryRecord> records = records(ctx);
        if (records.isEmpty()) {
            return Optional.empty();
        }
        List<Block> blocks = new ArrayList<>();
        for (String workload : Context.workloads(records)) {
            Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
            String size = records.stream().filter(r -> r.workload().equals(workload)).findFirst()
                    .map(r -> r.param("payloadBytes")).map(b -> Fmt.bytes(Long.parseLong(b))).orElse("");
            Table table = new Table(workload + " " + size + ": where a round trip's time goes (us, mean)",
                    List.of("model", "send", "queue", "run", "reply", "round trip"));
            for (String model : ctx.modelsIn(records)) {
                Optional<List<SummaryRecord>> parts = parts(records, model, workload);
                Optional<SummaryRecord> total = roundTrip(records, model, workload);
                if (parts.isEmpty() || total.isEmpty()) {
                    continue;
                }
                Map<String, Double> bar = new LinkedHashMap<>();
                List<Cell> row = new ArrayList<>();
                row.add(Cell.text(model));
                for (int i = 0; i < PARTS.size(); i++) {
                    SummaryRecord p = parts.get().get(i);
                    bar.put(PART_NAMES.get(i), p.value());
                    row.add(micros(p));
                }
                row.add(micros(total.get()));
                table.add(row);
                bars.put(model + " (" + Fmt.num(total.get().value() / 1000) + " us)", bar);
            }
            if (bars.isEmpty()) {
                continue;
            }
            String name = "anatomy-" + Fmt.fileName(workload);
            String csv = Context.recordsCsv(records.stream().filter(r -> r.workload().equals(workload)).toList())
                    .write(ctx.reportDir(), name);
            ChartImage chart = StackedBarChart.write(ctx.reportDir(), name, "share of the round trip (%)", bars);
            blocks.add(new Block(workload + " " + size + ": the anatomy of a hand-off",
                    Figure.of(chart, "Shares of send, queue, run and reply in each model's " + workload
                            + " round trip", csv), table, null));
        }
        blocks.add(new Block(null, null, null, "One round trip at a time on the granularity suite's warmed instance "
                + "(workers = cores), a few batches, one sample per batch. Send: the caller's submit call (encoding, "
                + "copying, writing the request). Queue: the time the task waited before it started, as the model "
                + "timed it (the caller's wait for a free worker and the worker's own queue, carried back in the "
                + "frame or header); for in-process models the submit call is taken out of it. Run: the task, as "
                + "its worker timed it. Reply: the rest, until the caller woke with the result; for out-of-process "
                + "models that includes the request's way over the wire, since one-way times would need the two "
                + "sides' clocks compared. The four add up to the round trip."));
        return Optional.of(new SectionView(ID, "Anatomy of a hand-off", "Where do a hand-off's microseconds go? "
                + "The article's \"fast and lightweight vs slower via IPC\", split into send, queue, run and reply.",
                ctx.statusLine(Granularity.SUITE), blocks));
    }

    private static Cell micros(SummaryRecord r) {
        String ci = r.hasInterval() ? "CI " + Fmt.num(r.ciLow() / 1000) + " – " + Fmt.num(r.ciHigh() / 1000) : "no CI";
        return Cell.num(Fmt.num(r.value() / 1000), ci + " · n=" + r.n());
    }
}
