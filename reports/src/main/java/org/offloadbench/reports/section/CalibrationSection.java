package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.html.Block;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;

/**
 * The machine's floor: small C programs doing the same hand-offs with nothing in the way, each transport in
 * both wait disciplines, with the statistics the models have (mean, p50, p99 over repetitions, CPU per
 * round trip).
 */
public final class CalibrationSection implements SuiteSection {
    private static final List<Metric> ROUND_TRIP = List.of(Metric.FLOOR_ROUND_TRIP_NS, Metric.FLOOR_ROUND_TRIP_P50_NS,
            Metric.FLOOR_ROUND_TRIP_P99_NS, Metric.FLOOR_CPU_PER_ROUND_TRIP_NS);

    @Override
    public String suite() {
        return "calibration";
    }

    @Override
    public SectionView build(Context ctx) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<SummaryRecord> records = ctx.data().select(suite(), r -> true);
        if (!records.isEmpty()) {
            Table rt = new Table("Round-trip floors (ns)", List.of("transport", "wait", "payload", "mean", "p50", "p99",
                    "CPU per round trip"));
            Map<String, List<SummaryRecord>> byProbe = new LinkedHashMap<>();
            for (SummaryRecord r : records) {
                if (ROUND_TRIP.stream().anyMatch(m -> m.id().equals(r.metric()))) {
                    byProbe.computeIfAbsent(r.param("probe") + "|" + r.param("wait") + "|" + r.param("payloadBytes"),
                            k -> new ArrayList<>()).add(r);
                }
            }
            byProbe.values().forEach(group -> {
                SummaryRecord first = group.get(0);
                List<Cell> row = new ArrayList<>(List.of(Cell.text(first.param("probe")),
                        Cell.text("spin".equals(first.param("wait")) ? "spinning" : "blocking"), Cell.num(payload(first))));
                for (Metric m : ROUND_TRIP) {
                    Optional<SummaryRecord> r = group.stream().filter(x -> x.metric().equals(m.id())).findFirst();
                    row.add(r.map(x -> Cell.num(Fmt.num(x.value()), Fmt.figure(x).sub() + " · "
                            + x.param("repetitions") + " repetitions")).orElse(Cell.num("–")));
                }
                rt.add(row);
            });
            Table other = new Table("Bandwidth floors", List.of("probe", "payload", "metric", "value"));
            for (SummaryRecord r : records) {
                if (ROUND_TRIP.stream().noneMatch(m -> m.id().equals(r.metric()))) {
                    other.add(List.of(Cell.text(r.param("probe") == null ? "–" : r.param("probe")), Cell.num(payload(r)),
                            Cell.text(r.metric() + " (" + r.unit() + ")"), Fmt.figure(r)));
                }
            }
            String csv = Context.recordsCsv(records).write(ctx.reportDir(), "calibration");
            if (!byProbe.isEmpty()) {
                blocks.add(new Block(null, null, rt, "Every round trip timed one by one; each figure is the mean over "
                        + "repetitions of that repetition's statistic, with its 99.9 % interval; n is the round trips "
                        + "behind it. Blocking: a read or a futex wait; spinning: a busy-polled non-blocking channel or "
                        + "flag (it burns a core on each side, so its CPU per round trip is about twice its time). A "
                        + "model is held against the floor of its own transport and wait discipline, p50 against p50.",
                        csv));
            }
            if (!other.rows().isEmpty()) {
                blocks.add(new Block(null, null, other, "memcpy: drawn as the grey floor line on the copy charts.",
                        byProbe.isEmpty() ? csv : null));
            }
        } else if (ctx.statusLine(suite()) == null) {
            // without gcc the runner records no floors and says why in the suite's message
            String why = ctx.status(suite()).map(s -> s.message()).filter(m -> m != null && !m.isBlank())
                    .map(m -> " " + m).orElse("");
            blocks.add(new Block(null, null, null, "No floors were recorded in this run." + why, null));
        }
        return new SectionView(suite(), "Calibration", "What can this machine do at best? Round trips of small C "
                + "programs through each transport, blocking and spinning, and memcpy bandwidth (gcc): the floor "
                + "every model sits above.", ctx.statusLine(suite()), blocks);
    }

    private static String payload(SummaryRecord r) {
        return r.param("payloadBytes") == null ? "–" : Fmt.bytes(Context.paramLong(r, "payloadBytes"));
    }
}
