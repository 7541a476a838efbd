package org.offloadbench.node;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.ModelTraits;

/** The node family's names, the workloads its scripts run, and where {@code node} is. */
public final class NodeModels {
    public static final String FAMILY = "node";
    public static final String WORKER_THREADS = "node/worker-threads";
    public static final String CHILD_PROCESS = "node/child-process";
    public static final String CLUSTER = "node/cluster";
    public static final String SHARED_ARRAY_BUFFER = "node/shared-array-buffer";

    /** The measured workloads the scripts implement byte for byte (the JVM's checksums check them). */
    public static final Set<String> MEASURED_WORKLOADS = Set.of("noop", "echo", "sha256");
    /** The fault workloads the scripts implement, for the conformance kit. */
    public static final Set<String> FAULT_WORKLOADS = Set.of("fault-sleep", "fault-spin", "fault-hang", "fault-throw",
            "fault-halt", "fault-oom");

    private NodeModels() {
    }

    /** Whether a node model can run {@code workloadId}. */
    public static boolean supports(String workloadId) {
        return MEASURED_WORKLOADS.contains(workloadId) || FAULT_WORKLOADS.contains(workloadId);
    }

    /** The message of a task whose workload the scripts do not implement. */
    public static String unsupported(String model, String workloadId) {
        return model + ": workload '" + workloadId + "' is not supported by node models; they run "
                + String.join(", ", List.copyOf(new java.util.TreeSet<>(MEASURED_WORKLOADS)))
                + " (and the fault workloads " + String.join(", ", new java.util.TreeSet<>(FAULT_WORKLOADS)) + ")";
    }

    /** {@code node} on the PATH (the first executable one), if any. */
    public static Optional<Path> findNode() {
        return findNode(System.getenv("PATH"));
    }

    /** {@code node} in the directories of {@code path} (a PATH value), if any. */
    static Optional<Path> findNode(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "node");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Availability availability() {
        return availability(System.getenv("PATH"));
    }

    static Availability availability(String path) {
        return findNode(path).isPresent() ? Availability.yes()
                : Availability.no("node not found on PATH; install Node.js 18 or newer (Debian: apt-get install nodejs)");
    }

    static ModelTraits traits(String isolation, String blastRadius, boolean zeroCopy, String parts, String nodeFeature) {
        return new ModelTraits(FAMILY, isolation, blastRadius, zeroCopy, parts, nodeFeature);
    }
}
