package org.offloadbench.bench.rig;

/** What the console shows: which suite, how far, and the time left. */
public interface Progress {

    /** The whole run's plan, before anything starts. */
    void runStarted(String runId, java.nio.file.Path folder, long estimateSeconds);

    void suiteStarted(String suite, int steps, long estimateSeconds);

    /** One step of the current suite is starting; {@code what} names the model and parameters. */
    void step(String what);

    void suiteFinished(String suite, String state, String message);

    /** A notice that does not belong to a step (a skipped measurement, a warning). */
    void note(String message);

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
