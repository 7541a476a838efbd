package org.offloadbench.bench.rig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warnings of one suite, summarised in a few console lines: one line with the count per kind, then
 * per kind its worst cases (by severity; the first ones where a kind has none). The full text of every
 * warning is in run.json and the report, so the console never prints a paragraph per step.
 */
public final class WarningSummary {
    /** Cases shown per kind. */
    static final int SHOWN_PER_KIND = 2;
    /** A message shown in place of a subject is cut to this many characters. */
    static final int MESSAGE_CHARS = 140;

    private final Map<String, List<Warning>> byKind = new LinkedHashMap<>();
    private int count;

    public synchronized void add(Warning warning) {
        byKind.computeIfAbsent(warning.kind(), k -> new ArrayList<>()).add(warning);
        count++;
    }

    public synchronized int count() {
        return count;
    }

    public synchronized void clear() {
        byKind.clear();
        count = 0;
    }

    /** The summary lines, indented by two spaces; none when there was no warning. */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        List<String> counts = new ArrayList<>();
        byKind.forEach((kind, list) -> counts.add(list.size() + " " + kind));
        out.add("  " + count + (count == 1 ? " warning: " : " warnings: ") + String.join(", ", counts));
        byKind.forEach((kind, list) -> {
            List<Warning> shown = worstFirst(list).subList(0, Math.min(SHOWN_PER_KIND, list.size()));
            List<String> cases = new ArrayList<>();
            for (Warning w : shown) {
                cases.add(describe(w));
            }
            boolean ranked = list.stream().anyMatch(w -> !Double.isNaN(w.severity()));
            String more = list.size() > shown.size() ? " (+" + (list.size() - shown.size()) + " more)" : "";
            out.add("    " + kind + (ranked ? ", worst: " : ": ") + String.join("; ", cases) + more);
        });
        out.add("    every warning in full: run.json and the report (Environment and method, Suites)");
        return out;
    }

    /** Highest severity first; warnings without one keep their order after those with one. */
    static List<Warning> worstFirst(List<Warning> list) {
        List<Warning> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingDouble((Warning w) -> Double.isNaN(w.severity())
                ? Double.NEGATIVE_INFINITY : w.severity()).reversed());
        return sorted;
    }

    private static String describe(Warning w) {
        String what = w.subject().isEmpty() ? shorten(w.message()) : w.subject();
        return w.severityText().isEmpty() ? what : what + " (" + w.severityText() + ")";
    }

    static String shorten(String message) {
        return message.length() <= MESSAGE_CHARS ? message : message.substring(0, MESSAGE_CHARS - 1) + "…";
    }
}
