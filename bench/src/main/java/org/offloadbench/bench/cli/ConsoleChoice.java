package org.offloadbench.bench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.offloadbench.bench.plan.UsageException;
import org.offloadbench.bench.rig.ConsoleProgress;
import org.offloadbench.bench.rig.Progress;
import org.offloadbench.bench.rig.ProgressFanOut;

/**
 * How {@code bench run} shows its progress: {@code --progress auto|bar|plain} (a bar only on a terminal by
 * default) and {@code --progress-log <file>}, a plain-line copy for scripts. scripts/bench-all.sh uses both:
 * its own stdout is the terminal, so the runner is told to draw the bar there while it writes the plain
 * lines the script reads back ("results: ...") into the log, rather than being piped through {@code tee}.
 */
final class ConsoleChoice implements AutoCloseable {
    static final List<String> MODES = List.of("auto", "bar", "plain");

    private final Progress progress;
    private final PrintStream log;

    private ConsoleChoice(Progress progress, PrintStream log) {
        this.progress = progress;
        this.log = log;
    }

    /**
     * @param mode    auto, bar or plain
     * @param logFile plain-line log, or null for none
     * @throws UsageException for an unknown mode or a log that cannot be created
     */
    static ConsoleChoice of(String mode, Path logFile, CliEnvironment env) {
        boolean bar = switch (mode.toLowerCase(Locale.ROOT)) {
            case "auto" -> env.terminal();
            case "bar" -> true;
            case "plain" -> false;
            default -> throw new UsageException("unknown --progress '" + mode + "'; valid: " + String.join(", ", MODES));
        };
        List<Progress> targets = new ArrayList<>();
        targets.add(new ConsoleProgress(env.out(), bar, System::currentTimeMillis));
        PrintStream log = null;
        if (logFile != null) {
            try {
                Path parent = logFile.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                log = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot write --progress-log " + logFile + ": " + e.getMessage());
            }
            targets.add(new ConsoleProgress(log, false, System::currentTimeMillis));
        }
        return new ConsoleChoice(targets.size() == 1 ? targets.get(0) : new ProgressFanOut(targets), log);
    }

    Progress progress() {
        return progress;
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
        }
    }
}
