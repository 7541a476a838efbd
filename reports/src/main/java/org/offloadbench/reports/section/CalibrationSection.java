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

/** The machine's floor: small C programs doing the same hand-offs with nothing in the way. */
public final class CalibrationSection implements SuiteSection {
    @Override
    public String suite() {
        return "calibration";
    }

    @Override
    public SectionView build(Context ctx) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<SummaryRecord> records = ctx.data().select(suite(), r -> true);
        if (!records.isEmpty()) {
            Table table = new Table("Native floors", List.of("probe", "payload", "metric", "value"));
            for (SummaryRecord r : records) {
                String payload = r.param("payloadBytes") == null ? "–" : Fmt.bytes(Context.paramLong(r, "payloadBytes"));
                table.add(List.of(Cell.text(r.param("probe") == null ? "–" : r.param("probe")), Cell.num(payload),
                        Cell.text(r.metric() + " (" + r.unit() + ")"), Fmt.figure(r)));
            }
            String csv = Context.recordsCsv(records).write(ctx.reportDir(), "calibration");
            blocks.add(new Block(null, null, table, "Drawn as grey floor lines on the overhead and copy charts.", csv));
        } else if (ctx.statusLine(suite()) == null) {
            // without gcc the runner records no floors and says why in the suite's message
            String why = ctx.status(suite()).map(s -> s.message()).filter(m -> m != null && !m.isBlank())
                    .map(m -> " " + m).orElse("");
            blocks.add(new Block(null, null, null, "No floors were recorded in this run." + why, null));
        }
        return new SectionView(suite(), "Calibration", "What can this machine do at best? Round trips and "
                + "bandwidth of small C programs (gcc), the floor every model sits above.", ctx.statusLine(suite()), blocks);
    }
}
