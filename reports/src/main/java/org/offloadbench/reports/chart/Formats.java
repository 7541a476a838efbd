package org.offloadbench.reports.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/** Axis tick labels that read like the tables: 1,000 / 2.5 / 0.01, never 1E3. */
final class Formats {
    private Formats() {
    }

    static NumberFormat axisNumberFormat() {
        return new NumberFormat() {
            @Override
            public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
                double abs = Math.abs(number);
                String pattern = abs >= 100 || abs == 0 ? "#,##0" : abs >= 1 ? "#,##0.##" : "0.###";
                if (abs > 0 && abs < 0.001) {
                    pattern = "0.######";
                }
                return toAppendTo.append(new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT))
                        .format(number));
            }

            @Override
            public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
                return format((double) number, toAppendTo, pos);
            }

            @Override
            public Number parse(String source, ParsePosition parsePosition) {
                throw new UnsupportedOperationException("axis labels are never parsed");
            }
        };
    }
}
