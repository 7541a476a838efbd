package org.offloadbench.bench.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints payload sizes like {@code 64B}, {@code 1KiB}, {@code 16MiB} (binary units only). */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);
    /** Payloads are byte arrays and frames have hard limits: 1 GiB is far past anything sensible. */
    public static final long MAX_BYTES = 1L << 30;
    private static final String HELP = "use a whole number with unit B, KiB, MiB or GiB, e.g. 64B,1KiB,16MiB";

    private Sizes() {
    }

    public static int parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException("malformed size '" + text + "'; " + HELP);
        }
        long value;
        try {
            value = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new UsageException("size '" + text + "' is too large; the limit is 1GiB");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long multiplier = switch (unit) {
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            default -> 1L;
        };
        if (value > MAX_BYTES / multiplier) {
            throw new UsageException("size '" + text + "' is too large; the limit is 1GiB");
        }
        return (int) (value * multiplier);
    }

    public static List<Integer> parseList(List<String> items) {
        List<Integer> out = new ArrayList<>();
        for (String item : items) {
            for (String part : item.split(",")) {
                if (!part.isBlank()) {
                    out.add(parse(part));
                }
            }
        }
        return out;
    }

    /** The shortest exact form: 65536 -> 64KiB, 100 -> 100B. */
    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB"};
        int unit = 0;
        while (unit < units.length - 1 && bytes != 0 && bytes % 1024 == 0) {
            bytes /= 1024;
            unit++;
        }
        return bytes + units[unit];
    }
}
