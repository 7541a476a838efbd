package org.offloadbench.reports.read;

import java.util.Locale;
import org.offloadbench.core.result.ResultsFormatException;

/** Converts values recorded in an .hlog file into the unit a chart shows. */
public final class ValueUnit {
    private ValueUnit() {
    }

    /** Nanoseconds per one recorded unit; null or blank means nanoseconds. */
    public static double nanosPer(String unit, String where) {
        String u = unit == null || unit.isBlank() ? "ns" : unit.trim().toLowerCase(Locale.ROOT);
        return switch (u) {
            case "ns" -> 1.0;
            case "us" -> 1_000.0;
            case "ms" -> 1_000_000.0;
            default -> throw new ResultsFormatException(where + ": unknown value unit '" + unit
                    + "'; valid units are ns, us, ms");
        };
    }
}
