package org.offloadbench.reports.section;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.chart.Marker;
import org.offloadbench.reports.html.Fmt;

/** The machine's floors from the calibration suite, in the shapes the overhead and copy charts draw. */
final class Floors {
    static final String SUITE = "calibration";

    private Floors() {
    }

    /** One marker per round-trip probe (pipe, unix socket, ...), at the smallest payload measured. */
    static List<Marker> roundTrips(Context ctx) {
        Map<String, SummaryRecord> byProbe = new TreeMap<>();
        for (SummaryRecord r : ctx.data().select(SUITE, Metric.FLOOR_ROUND_TRIP_NS.id())) {
            String probe = r.param("probe") == null ? "native" : r.param("probe");
            SummaryRecord seen = byProbe.get(probe);
            if (seen == null || payload(r) < payload(seen)) {
                byProbe.put(probe, r);
            }
        }
        List<Marker> out = new ArrayList<>();
        byProbe.forEach((probe, r) -> out.add(new Marker(probe + " " + Fmt.num(r.value()) + " ns", r.value())));
        return out;
    }

    /** memcpy bandwidth by payload size (GB/s); empty when calibration did not run. */
    static TreeMap<Long, Double> memcpyBandwidth(Context ctx) {
        TreeMap<Long, Double> out = new TreeMap<>();
        for (SummaryRecord r : ctx.data().select(SUITE, Metric.FLOOR_BANDWIDTH.id())) {
            if ("memcpy".equals(r.param("probe"))) {
                out.put(payload(r), r.value());
            }
        }
        return out;
    }

    private static long payload(SummaryRecord r) {
        return r.param("payloadBytes") == null ? 0 : Context.paramLong(r, "payloadBytes");
    }
}
