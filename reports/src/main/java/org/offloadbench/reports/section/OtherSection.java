package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.html.Block;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;

/** A suite this version of the report does not know: its figures as a plain table, so nothing is lost. */
public final class OtherSection implements SuiteSection {
    private final String suite;

    public OtherSection(String suite) {
        this.suite = suite;
    }

    @Override
    public String suite() {
        return suite;
    }

    @Override
    public SectionView build(Context ctx) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<SummaryRecord> records = ctx.data().select(suite, r -> true);
        if (!records.isEmpty()) {
            Table table = new Table(suite + ": all figures", List.of("model", "workload", "params", "metric", "value"));
            for (SummaryRecord r : records) {
                table.add(List.of(Cell.text(r.model()), Cell.text(r.workload()), Cell.text(Fmt.params(r.params())),
                        Cell.text(r.metric() + " (" + r.unit() + ")"), Fmt.figure(r)));
            }
            String csv = Context.recordsCsv(records).write(ctx.reportDir(), Fmt.fileName(suite));
            blocks.add(new Block(null, null, table, "This report version has no dedicated view for this suite.", csv));
        }
        return new SectionView(Fmt.fileName(suite), suite, null, ctx.statusLine(suite), blocks);
    }
}
