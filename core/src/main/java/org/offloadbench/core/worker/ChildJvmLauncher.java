package org.offloadbench.core.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Starts child JVMs the one way the process, shared-memory and cluster models all need: stdin and stdout
 * are pipes for the caller, stderr is drained continuously into {@link ChildJvm#stderrTail()}.
 */
public final class ChildJvmLauncher {

    private final LongSupplier nanoTime;

    /** @param nanoTime clock for {@link ChildJvm#spawnToReadyNanos()}; injectable so it can be tested */
    public ChildJvmLauncher(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public ChildJvmLauncher() {
        this(System::nanoTime);
    }

    /**
     * Starts the child, with {@link HugePages#FLAG} added to its options where the kernel offers transparent
     * huge pages and the options do not choose a page size. The caller owns the handle and must close it.
     *
     * @throws IOException when the process cannot be started (the message names the command)
     */
    public ChildJvm launch(ChildJvmSpec requested) throws IOException {
        // every child's heap on huge pages where the kernel offers them: see HugePages for the measured why
        ChildJvmSpec spec = requested.withJvmOptions(HugePages.withDefault(requested.jvmOptions()));
        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(spec.environment());
        if (spec.workingDirectory() != null) {
            builder.directory(spec.workingDirectory().toFile());
        }
        long spawnNanos = nanoTime.getAsLong();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start child JVM " + spec.javaExecutable() + " (main class "
                    + spec.mainClass() + "): " + e.getMessage(), e);
        }
        return new ChildJvm(process, spec, spawnNanos, nanoTime);
    }

    /**
     * The {@code java} binary running this JVM: the process's own command when the OS reports it, else
     * {@code java.home/bin/java}.
     */
    public static Path currentJavaExecutable() {
        Path fromProcess = ProcessHandle.current().info().command().map(Path::of).orElse(null);
        if (fromProcess != null && fromProcess.getFileName().toString().startsWith("java")
                && Files.isExecutable(fromProcess)) {
            return fromProcess;
        }
        Path home = Path.of(System.getProperty("java.home"), "bin");
        Path unix = home.resolve("java");
        return Files.isExecutable(unix) ? unix : home.resolve("java.exe");
    }
}
