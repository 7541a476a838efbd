package org.offloadbench.bench.rig;

/** What the console shows: which suite, how far, and the time left. */
public interface Progress {

    /** The whole run's plan, before anything starts. */
    void runStarted(String runId, java.nio.file.Path folder, long estimateSeconds);

    void suiteStarted(String suite, int steps, long estimateSeconds);

    /** One step of the current suite is starting; {@code what} names the model and parameters. */
    void step(String what);

    void suiteFinished(String suite, String state, String message);

    /** A notice shown at once (a failed measurement, a wait for a lock). */
    void note(String message);

    /**
     * A caveat about a measurement (still warming up, a capped pre-warm): a console collects these and
     * summarises them at the end of the suite instead of printing a paragraph per step.
     */
    default void warning(Warning warning) {
        note(warning.message());
    }

    /** The run has saved its results in {@code folder} (the last line scripts look for). */
    default void results(java.nio.file.Path folder) {
    }

    void runFinished(boolean complete, long elapsedMillis);

    /** Prints nothing: for tests. */
    Progress SILENT = new Progress() {
        @Override
        public void runStarted(String runId, java.nio.file.Path folder, long estimateSeconds) {
        }

        @Override
        public void suiteStarted(String suite, int steps, long estimateSeconds) {
        }

        @Override
        public void step(String what) {
        }

        @Override
        public void suiteFinished(String suite, String state, String message) {
        }

        @Override
        public void note(String message) {
        }

        @Override
        public void runFinished(boolean complete, long elapsedMillis) {
        }
    };
}
