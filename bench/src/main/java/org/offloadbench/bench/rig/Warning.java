package org.offloadbench.bench.rig;

import java.util.Objects;

/**
 * A caveat about one measurement (a model still warming up while measured, a capped pre-warm, a note of a
 * suite): its full text goes into run.json and the report, while the console counts warnings per kind and
 * shows the worst few at the end of the suite ({@link WarningSummary}).
 *
 * @param kind         what went wrong, short and shared by every warning of that kind
 *                     (e.g. "still warming up while measured")
 * @param subject      the measurement it is about (suite, model, workload, parameters); empty when none
 * @param message      the full text, one line
 * @param severity     how bad, larger is worse, comparable within one kind only; NaN when not measurable
 * @param severityText the severity for a reader, e.g. "45 % better first to last"; empty when none
 */
public record Warning(String kind, String subject, String message, double severity, String severityText) {
    /** The kind of a plain note that says nothing about its severity. */
    public static final String NOTE = "note";

    public Warning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        subject = subject == null ? "" : subject;
        severityText = severityText == null ? "" : severityText;
    }

    /** A plain note: kind {@value #NOTE}, no subject, no severity. */
    public static Warning note(String message) {
        return new Warning(NOTE, "", message, Double.NaN, "");
    }
}
