package org.offloadbench.core.workload.builtin;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.offloadbench.core.workload.WorkloadException;

/**
 * Units and revenue per region and product, the group-by that {@code csv-aggregate} and
 * {@code json-aggregate} share, rendered as the same deterministic text:
 * {@code region,product,units,revenueCents} then one line per group, sorted by region, then product.
 * Sums use exact arithmetic: an overflow is an error, never a silently wrapped total.
 */
final class SalesTotals {

    static final String HEADER = "region,product,units,revenueCents\n";

    private final String workloadId;
    private final Map<String, Map<String, long[]>> byRegion = new TreeMap<>();

    SalesTotals(String workloadId) {
        this.workloadId = workloadId;
    }

    /**
     * @param where names the record for error messages, e.g. "line 7"
     */
    void add(String where, String region, String product, long quantity, long unitPriceCents) {
        requireName(where, "region", region);
        requireName(where, "product", product);
        long[] totals = byRegion.computeIfAbsent(region, r -> new TreeMap<>())
                .computeIfAbsent(product, p -> new long[2]);
        try {
            long revenue = Math.multiplyExact(quantity, unitPriceCents);
            totals[0] = Math.addExact(totals[0], quantity);
            totals[1] = Math.addExact(totals[1], revenue);
        } catch (ArithmeticException e) {
            throw new WorkloadException(workloadId + ": " + where + ": totals for " + region + "/" + product
                    + " overflow a 64-bit integer", e);
        }
    }

    byte[] render() {
        var text = new StringBuilder(HEADER);
        byRegion.forEach((region, products) -> products.forEach((product, totals) ->
                text.append(region).append(',').append(product).append(',')
                        .append(totals[0]).append(',').append(totals[1]).append('\n')));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    // Names become fields of the output, so they must not break its comma-and-newline structure.
    private void requireName(String where, String field, String value) {
        if (value.isEmpty()) {
            throw new WorkloadException(workloadId + ": malformed input: " + where + ": " + field + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                throw new WorkloadException(workloadId + ": malformed input: " + where + ": " + field + " '"
                        + value + "' contains a comma, quote or line break");
            }
        }
    }
}
