package org.offloadbench.core.result;

/**
 * What happened to one suite in a run.
 *
 * @param suite       suite name
 * @param state       pending, running, done, failed, skipped or interrupted
 * @param startedAt   ISO-8601 instant or null
 * @param endedAt     ISO-8601 instant or null
 * @param message     why it failed or was skipped; empty otherwise
 * @param conditionsAtStart how busy the machine was when the suite started (null when not captured)
 * @param conditionsAtEnd   and when it ended
 */
public record SuiteStatus(String suite, String state, String startedAt, String endedAt, String message,
                          RunConditions conditionsAtStart, RunConditions conditionsAtEnd) {

    /** A status without run conditions (pending, skipped, or a folder written before they were recorded). */
    public SuiteStatus(String suite, String state, String startedAt, String endedAt, String message) {
        this(suite, state, startedAt, endedAt, message, null, null);
    }
}
