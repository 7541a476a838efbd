package org.offloadbench.bench.rig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line that starts a JVM like this one: the same java binary and class path, so the fork sees
 * the same models and workloads (JMH forks are started by JMH itself; this is for the runner's own).
 */
public final class ForkedJvm {
    private ForkedJvm() {
    }

    public static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static List<String> command(List<String> jvmArgs, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary().toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }
}
