package org.offloadbench.reports.html;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.offloadbench.core.result.SummaryRecord;

/** How figures read in the report: three significant digits, thousands grouped, interval and n beside. */
public final class Fmt {
    private Fmt() {
    }

    public static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        double abs = Math.abs(v);
        if (abs >= 1000) {
            return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    public static String num(Double v) {
        return v == null ? "–" : num(v.doubleValue());
    }

    public static String withUnit(double v, String unit) {
        return num(v) + " " + unit;
    }

    /** "99.9 % CI 1,200 – 1,260 · n=25", or "no CI · n=2" where the runner had too few samples. */
    public static String interval(SummaryRecord r) {
        String ci = r.hasInterval() ? "CI " + num(r.ciLow()) + " – " + num(r.ciHigh()) : "no CI";
        return ci + " · n=" + r.n();
    }

    /**
     * A figure whose interval's half-width exceeds this share of its value is marked "wide": on a shared or
     * small machine a ratio read from it (speedup, efficiency, x-times-the-floor) can be off by tens of points.
     */
    public static final double WIDE_INTERVAL_FRACTION = 0.25;

    public static Cell figure(SummaryRecord r) {
        if (isWide(r)) {
            double halfWidth = (r.ciHigh() - r.ciLow()) / 2;
            return new Cell(num(r.value()), interval(r) + " · wide: ±" + num(100 * halfWidth / Math.abs(r.value()))
                    + " %", "num wide");
        }
        return Cell.num(num(r.value()), interval(r));
    }

    /** Whether the record's interval is wider than {@link #WIDE_INTERVAL_FRACTION} of its value either side. */
    public static boolean isWide(SummaryRecord r) {
        if (!r.hasInterval() || r.value() == 0 || Double.isNaN(r.value())) {
            return false;
        }
        return (r.ciHigh() - r.ciLow()) / 2 > WIDE_INTERVAL_FRACTION * Math.abs(r.value());
    }

    /** For percentiles and counts, which have n but never an interval. */
    public static Cell figureN(SummaryRecord r) {
        return Cell.num(num(r.value()), "n=" + r.n());
    }

    public static String factor(double f) {
        return num(f) + "×";
    }

    public static String percent(Double p) {
        if (p == null) {
            return "–";
        }
        String s = num(Math.abs(p));
        return (p > 0 ? "+" : p < 0 ? "−" : "") + s + " %";
    }

    /** {payloadBytes=64, workers=2} -> "payloadBytes=64, workers=2"; "–" when there are none. */
    public static String params(java.util.Map<String, String> params) {
        if (params.isEmpty()) {
            return "–";
        }
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    public static String bytes(long b) {
        if (b >= 1L << 30 && b % (1L << 30) == 0) {
            return (b >> 30) + " GiB";
        }
        if (b >= 1L << 20 && b % (1L << 20) == 0) {
            return (b >> 20) + " MiB";
        }
        if (b >= 1L << 10 && b % (1L << 10) == 0) {
            return (b >> 10) + " KiB";
        }
        return b + " B";
    }

    /** "threads/platform-pool" -> "threads_platform-pool", and anything else odd to '-'. */
    public static String fileName(String s) {
        return s.replace('/', '_').replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
