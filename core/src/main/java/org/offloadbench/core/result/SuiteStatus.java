package org.offloadbench.core.result;

/**
 * What happened to one suite in a run.
 *
 * @param suite       suite name
 * @param state       pending, running, done, failed, skipped or interrupted
 * @param startedAt   ISO-8601 instant or null
 * @param endedAt     ISO-8601 instant or null
 * @param message     why it failed or was skipped; empty otherwise
 */
public record SuiteStatus(String suite, String state, String startedAt, String endedAt, String message) {
}
