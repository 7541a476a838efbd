package org.offloadbench.bench.rig;

import java.nio.file.Path;
import java.util.List;

/** Sends every progress event to several consoles: a progress bar on the terminal and a plain-line log. */
public final class ProgressFanOut implements Progress {
    private final List<Progress> targets;

    public ProgressFanOut(List<Progress> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public void runStarted(String runId, Path folder, long estimateSeconds) {
        targets.forEach(t -> t.runStarted(runId, folder, estimateSeconds));
    }

    @Override
    public void suiteStarted(String suite, int steps, long estimateSeconds) {
        targets.forEach(t -> t.suiteStarted(suite, steps, estimateSeconds));
    }

    @Override
    public void step(String what) {
        targets.forEach(t -> t.step(what));
    }

    @Override
    public void suiteFinished(String suite, String state, String message) {
        targets.forEach(t -> t.suiteFinished(suite, state, message));
    }

    @Override
    public void note(String message) {
        targets.forEach(t -> t.note(message));
    }

    @Override
    public void warning(Warning warning) {
        targets.forEach(t -> t.warning(warning));
    }

    @Override
    public void results(Path folder) {
        targets.forEach(t -> t.results(folder));
    }

    @Override
    public void runFinished(boolean complete, long elapsedMillis) {
        targets.forEach(t -> t.runFinished(complete, elapsedMillis));
    }
}
