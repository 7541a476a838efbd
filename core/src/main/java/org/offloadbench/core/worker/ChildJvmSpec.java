package org.offloadbench.core.worker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What child JVM to start. {@link #of(String)} gives the same {@code java} binary and classpath as this
 * JVM, so a workload jar on the parent's classpath reaches every child.
 *
 * @param javaExecutable   the {@code java} launcher
 * @param classpath        passed as {@code -cp}
 * @param jvmOptions       options before the main class: heap ({@code -Xmx256m}), GC ({@code -XX:+UseSerialGC}),
 *                         tiering ({@code -XX:TieredStopAtLevel=1}), a CDS archive ({@code -XX:SharedArchiveFile=...})
 * @param mainClass        fully qualified main class
 * @param args             program arguments after the main class
 * @param environment      variables added to (or replacing in) the inherited environment
 * @param workingDirectory the child's working directory; null = this JVM's
 * @param stderrTailLines  how many of the child's last stderr lines {@link ChildJvm#stderrTail()} keeps
 */
public record ChildJvmSpec(Path javaExecutable, String classpath, List<String> jvmOptions, String mainClass,
                           List<String> args, Map<String, String> environment, Path workingDirectory,
                           int stderrTailLines) {

    public static final int DEFAULT_STDERR_TAIL_LINES = 200;

    public ChildJvmSpec {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(mainClass, "mainClass");
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
        if (mainClass.isBlank()) {
            throw new IllegalArgumentException("mainClass must not be blank");
        }
        if (stderrTailLines < 1) {
            throw new IllegalArgumentException("stderrTailLines must be >= 1, was " + stderrTailLines);
        }
    }

    /** Same java and classpath as this JVM, no extra options. */
    public static ChildJvmSpec of(String mainClass) {
        return new ChildJvmSpec(ChildJvmLauncher.currentJavaExecutable(), System.getProperty("java.class.path", ""),
                List.of(), mainClass, List.of(), Map.of(), null, DEFAULT_STDERR_TAIL_LINES);
    }

    /** A {@link WorkerMain} child with this JVM's java and classpath. */
    public static ChildJvmSpec worker(String... workerArgs) {
        return of(WorkerMain.class.getName()).withArgs(List.of(workerArgs));
    }

    public ChildJvmSpec withJavaExecutable(Path value) {
        return new ChildJvmSpec(value, classpath, jvmOptions, mainClass, args, environment, workingDirectory,
                stderrTailLines);
    }

    public ChildJvmSpec withClasspath(String value) {
        return new ChildJvmSpec(javaExecutable, value, jvmOptions, mainClass, args, environment, workingDirectory,
                stderrTailLines);
    }

    public ChildJvmSpec withJvmOptions(List<String> value) {
        return new ChildJvmSpec(javaExecutable, classpath, value, mainClass, args, environment, workingDirectory,
                stderrTailLines);
    }

    public ChildJvmSpec withArgs(List<String> value) {
        return new ChildJvmSpec(javaExecutable, classpath, jvmOptions, mainClass, value, environment,
                workingDirectory, stderrTailLines);
    }

    public ChildJvmSpec withEnvironment(Map<String, String> value) {
        return new ChildJvmSpec(javaExecutable, classpath, jvmOptions, mainClass, args, value, workingDirectory,
                stderrTailLines);
    }

    public ChildJvmSpec withWorkingDirectory(Path value) {
        return new ChildJvmSpec(javaExecutable, classpath, jvmOptions, mainClass, args, environment, value,
                stderrTailLines);
    }

    public ChildJvmSpec withStderrTailLines(int value) {
        return new ChildJvmSpec(javaExecutable, classpath, jvmOptions, mainClass, args, environment,
                workingDirectory, value);
    }

    /** The full command line. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmOptions);
        if (!classpath.isEmpty()) {
            command.add("-cp");
            command.add(classpath);
        }
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
