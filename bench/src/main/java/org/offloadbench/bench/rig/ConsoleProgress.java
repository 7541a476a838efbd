package org.offloadbench.bench.rig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on a terminal as a progress bar per suite (me.tongfei:progressbar, which shows the ETA), and
 * as plain lines with an ETA when the output is not a terminal (CI logs, pipes).
 */
public final class ConsoleProgress implements Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier millis;
    private ProgressBar bar;
    private String suite;
    private int steps;
    private int done;
    private long suiteStartMillis;

    public ConsoleProgress(PrintStream out, boolean terminal, LongSupplier millis) {
        this.out = out;
        this.terminal = terminal;
        this.millis = millis;
    }

    public static ConsoleProgress forConsole() {
        return new ConsoleProgress(System.out, System.console() != null, System::currentTimeMillis);
    }

    @Override
    public synchronized void runStarted(String runId, Path folder, long estimateSeconds) {
        out.println("offload-bench run " + runId);
        out.println("  results: " + folder);
        out.println("  estimated time: " + format(estimateSeconds * 1000));
    }

    @Override
    public synchronized void suiteStarted(String name, int totalSteps, long estimateSeconds) {
        closeBar();
        suite = name;
        steps = Math.max(1, totalSteps);
        done = 0;
        suiteStartMillis = millis.getAsLong();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(String.format("%-14s", name)).setInitialMax(steps)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(250).build();
        } else {
            out.println("[" + name + "] " + steps + " steps, about " + format(estimateSeconds * 1000));
        }
    }

    @Override
    public synchronized void step(String what) {
        if (bar != null) {
            if (done > 0) {
                bar.step();
            }
            bar.setExtraMessage(what);
        } else {
            out.println("[" + suite + " " + (done + 1) + "/" + steps + eta() + "] " + what);
        }
        done++;
    }

    private String eta() {
        if (done == 0) {
            return "";
        }
        long elapsed = millis.getAsLong() - suiteStartMillis;
        long left = elapsed * (steps - done) / done;
        return ", ETA " + format(left);
    }

    @Override
    public synchronized void suiteFinished(String name, String state, String message) {
        if (bar != null) {
            bar.stepTo(steps);
        }
        closeBar();
        out.println("[" + name + "] " + state + " in " + format(millis.getAsLong() - suiteStartMillis)
                + (message == null || message.isEmpty() ? "" : ": " + message.replace("\n", "\n  ")));
    }

    @Override
    public synchronized void note(String message) {
        if (bar != null) {
            bar.setExtraMessage(message);
        }
        out.println("  note: " + message);
    }

    @Override
    public synchronized void runFinished(boolean complete, long elapsedMillis) {
        closeBar();
        out.println((complete ? "run complete" : "run INCOMPLETE") + " in " + format(elapsedMillis));
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    static String format(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        return d.toMinutes() > 0 ? String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart())
                : String.format("%.1fs", millis / 1000.0);
    }
}
