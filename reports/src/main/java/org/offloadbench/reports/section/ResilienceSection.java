package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.html.Block;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;

/** What happens when a worker hangs, halts its JVM or runs out of heap. A lost task is a defect, shown as one. */
public final class ResilienceSection implements SuiteSection {
    @Override
    public String suite() {
        return "resilience";
    }

    @Override
    public SectionView build(Context ctx) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<SummaryRecord> records = ctx.data().select(suite(), r -> true);
        if (!records.isEmpty()) {
            Table table = new Table("Faults injected mid-run", List.of("model", "fault", "caller survived",
                    "recovery (ms)", "tasks lost", "tasks failed"));
            int defects = 0;
            for (String model : ctx.modelsIn(records)) {
                for (String fault : Context.workloads(records.stream().filter(r -> r.model().equals(model)).toList())) {
                    Optional<SummaryRecord> survived = pick(records, model, fault, Metric.SURVIVED);
                    Optional<SummaryRecord> recovery = pick(records, model, fault, Metric.RECOVERY_TIME);
                    Optional<SummaryRecord> lost = pick(records, model, fault, Metric.TASKS_LOST);
                    Optional<SummaryRecord> failed = pick(records, model, fault, Metric.TASKS_FAILED);
                    boolean defect = lost.map(r -> r.value() != 0).orElse(false);
                    defects += defect ? 1 : 0;
                    Cell survivedCell = survived.map(r -> r.value() >= 1 ? new Cell("yes", null, "ok")
                            : new Cell("no — went down with it", null, "bad")).orElse(Cell.text("–"));
                    Cell lostCell = lost.map(r -> defect
                            ? new Cell(Fmt.num(r.value()) + " — DEFECT", "tasks must never be lost", "num defect")
                            : Fmt.figureN(r)).orElse(Cell.num("–"));
                    table.add(List.of(Cell.text(model), Cell.text(fault), survivedCell,
                            recovery.map(Fmt::figure).orElse(Cell.num("–")), lostCell,
                            failed.map(Fmt::figureN).orElse(Cell.num("–"))), defect ? "defect" : null);
                }
            }
            String note = "Tasks lost counts futures that never completed; it must be 0 for every model. "
                    + "A halt in an in-process model takes the whole process down: that is recorded, not hidden.";
            if (defects > 0) {
                note = defects + " row(s) lost tasks: a defect in the model, highlighted above. " + note;
            }
            String csv = Context.recordsCsv(records).write(ctx.reportDir(), "resilience");
            blocks.add(new Block(null, null, table, note, csv));
        }
        return new SectionView(suite(), "Resilience", "What happens when a worker hangs, halts its JVM or exhausts "
                + "its heap?", ctx.statusLine(suite()), blocks);
    }

    private static Optional<SummaryRecord> pick(List<SummaryRecord> records, String model, String fault, Metric m) {
        return records.stream().filter(r -> r.model().equals(model) && r.workload().equals(fault)
                && r.metric().equals(m.id())).findFirst();
    }
}
