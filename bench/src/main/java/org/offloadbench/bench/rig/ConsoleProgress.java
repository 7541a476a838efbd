package org.offloadbench.bench.rig;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on a terminal as a progress bar per suite (me.tongfei:progressbar, which shows the ETA), and
 * as one plain line per step with the suite's and the run's ETA when the output is not a terminal (CI
 * logs, pipes, the log file of scripts/bench-all.sh). Warnings are not printed as they come: each suite
 * ends with a few lines counting them per kind and naming the worst ({@link WarningSummary}).
 */
public final class ConsoleProgress implements Progress {
    /** Erases the terminal line the bar is drawn on, so a note printed over it starts clean. */
    private static final String CLEAR_LINE = "\r\033[2K";

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier millis;
    private final WarningSummary warnings = new WarningSummary();
    private ProgressBar bar;
    private String suite;
    private String current = "";
    private int steps;
    private int done;
    private long suiteStartMillis;
    private long suiteEstimateMillis;
    private long runEstimateMillis;
    /** Estimates of the suites started so far, this one included: what is left of the run comes after them. */
    private long startedEstimatesMillis;
    private int runWarnings;

    /**
     * @param terminal draw a progress bar (out is a terminal) rather than plain lines
     * @param millis   the clock behind elapsed times and ETAs (injected by tests)
     */
    public ConsoleProgress(PrintStream out, boolean terminal, LongSupplier millis) {
        this.out = out;
        this.terminal = terminal;
        this.millis = millis;
    }

    public static ConsoleProgress forConsole() {
        return new ConsoleProgress(System.out, stdoutIsTerminal(), System::currentTimeMillis);
    }

    /**
     * Whether this JVM's stdout is a terminal. Up to JDK 21 {@code System.console()} is null when stdout is
     * redirected; from JDK 22 it may return a console anyway, and {@code Console.isTerminal()} (not in the
     * Java 17 API this is compiled against, hence reflection) says whether it is one.
     */
    public static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17-21: a non-null console is a terminal
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot ask the console whether it is a terminal", e);
        }
    }

    @Override
    public synchronized void runStarted(String runId, Path folder, long estimateSeconds) {
        runEstimateMillis = estimateSeconds * 1000;
        startedEstimatesMillis = 0;
        runWarnings = 0;
        out.println("offload-bench run " + runId);
        out.println("  results: " + folder);
        out.println("  estimated time: " + format(runEstimateMillis));
    }

    @Override
    public synchronized void suiteStarted(String name, int totalSteps, long estimateSeconds) {
        closeBar();
        suite = name;
        steps = Math.max(1, totalSteps);
        done = 0;
        current = "";
        warnings.clear();
        suiteStartMillis = millis.getAsLong();
        suiteEstimateMillis = estimateSeconds * 1000;
        startedEstimatesMillis += suiteEstimateMillis;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(String.format("%-14s", name)).setInitialMax(steps)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out, barWidth()))
                    .setUpdateIntervalMillis(250).build();
        } else {
            out.println("[" + name + "] " + steps + " steps, about " + format(suiteEstimateMillis));
        }
    }

    /**
     * The bar's width: $COLUMNS (scripts/bench-all.sh exports the terminal's), else 100. Given explicitly
     * because progressbar would otherwise ask JLine, whose native library makes JDK 24+ print a warning
     * about restricted methods on the console.
     */
    static int barWidth() {
        return barWidth(System.getenv("COLUMNS"));
    }

    static int barWidth(String columns) {
        try {
            int n = columns == null ? 0 : Integer.parseInt(columns.trim());
            return n >= 40 ? n - 1 : 100;
        } catch (NumberFormatException e) {
            return 100; // not a number: the default width, as when it is unset
        }
    }

    @Override
    public synchronized void step(String what) {
        current = what;
        if (bar != null) {
            if (done > 0) {
                bar.step();
            }
            showOnBar();
        } else {
            out.println(line(what));
        }
        done++;
    }

    /** "[scaling 3/8 25 %, ETA 1m10s, run ETA 6m02s] threads/platform-pool sha256 workers=2" */
    String line(String what) {
        int percent = (int) (100L * done / steps);
        return "[" + suite + " " + (done + 1) + "/" + steps + " " + percent + " %, ETA " + format(suiteLeftMillis())
                + ", run ETA " + format(runLeftMillis()) + "] " + what;
    }

    /**
     * The rest of this suite: the measured pace once a step has finished, the suite's estimate before
     * (minus the time already spent on the first step).
     */
    long suiteLeftMillis() {
        long elapsed = millis.getAsLong() - suiteStartMillis;
        if (done == 0) {
            return Math.max(0, suiteEstimateMillis - elapsed);
        }
        return elapsed * (steps - done) / done;
    }

    /** The rest of the run: the rest of this suite plus the estimates of the suites after it. */
    long runLeftMillis() {
        return suiteLeftMillis() + Math.max(0, runEstimateMillis - startedEstimatesMillis);
    }

    @Override
    public synchronized void warning(Warning warning) {
        warnings.add(warning);
        runWarnings++;
        if (bar != null) {
            showOnBar();
        }
    }

    private void showOnBar() {
        int n = warnings.count();
        bar.setExtraMessage(current + (n == 0 ? "" : n == 1 ? " · 1 warning" : " · " + n + " warnings"));
    }

    @Override
    public synchronized void suiteFinished(String name, String state, String message) {
        if (bar != null) {
            bar.stepTo(steps);
        }
        closeBar();
        out.println("[" + name + "] " + state + " in " + format(millis.getAsLong() - suiteStartMillis)
                + (message == null || message.isEmpty() ? "" : ": " + message.replace("\n", "\n  ")));
        if (name.equals(suite)) {
            warnings.lines().forEach(out::println);
            warnings.clear();
        }
    }

    @Override
    public synchronized void note(String message) {
        if (bar != null) {
            out.print(CLEAR_LINE); // the bar redraws itself below the note on its next tick
        }
        out.println("  note: " + message);
    }

    @Override
    public synchronized void results(Path folder) {
        out.println("results: " + folder);
    }

    @Override
    public synchronized void runFinished(boolean complete, long elapsedMillis) {
        closeBar();
        out.println((complete ? "run complete" : "run INCOMPLETE") + " in " + format(elapsedMillis)
                + (runWarnings == 0 ? "" : ", " + runWarnings + (runWarnings == 1 ? " warning" : " warnings")
                + " (in full in the report)"));
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
                : String.format(java.util.Locale.ROOT, "%.1fs", Math.max(0, millis) / 1000.0);
    }
}
