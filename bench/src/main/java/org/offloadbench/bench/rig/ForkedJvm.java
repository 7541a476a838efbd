package org.offloadbench.bench.rig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line that starts a JVM like this one: the same java binary and class path, so the fork sees
 * the same models and workloads (JMH forks are started by JMH itself; this is for the runner's own).
 */
public final class ForkedJvm {
    /**
     * Module flags every fork gets: shm/agrona's Agrona 2.x reaches {@code jdk.internal.misc.Unsafe} (the
     * bench jar's manifest exports it to this JVM; a fork started with {@code -cp} needs it on its command line).
     */
    public static final List<String> MODULE_FLAGS = List.of("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");

    private ForkedJvm() {
    }

    public static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static List<String> command(List<String> jvmArgs, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary().toString());
        cmd.addAll(MODULE_FLAGS);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }
}
