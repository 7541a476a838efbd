package org.offloadbench.core.result;

import java.util.List;
import java.util.Map;

/**
 * The machine and software a run measured. Two runs are comparable only when {@link #machineKey()}
 * matches.
 *
 * @param cpuModel      CPU model name from /proc/cpuinfo (or os.arch where unavailable)
 * @param cores         available processors seen by the JVM
 * @param memoryBytes   total physical memory
 * @param os            OS name and version
 * @param kernel        kernel release (uname -r), where known
 * @param jdkVersion    java.runtime.version of the coordinator JVM
 * @param jdkVendor     java.vendor
 * @param javaHome      java.home of the coordinator, with the user's home folder replaced by ~
 * @param jvmFlags      input arguments of the coordinator JVM
 * @param forkJvmFlags  extra flags given to forked benchmark JVMs
 * @param gitCommit     commit of the harness, or "unknown"
 * @param gitDirty      whether the working tree had uncommitted changes
 * @param hostname      host name, for the reader; not part of the machine key
 * @param extra         anything else worth recording (gcc version, nginx version, ...)
 */
public record EnvironmentInfo(String cpuModel, int cores, long memoryBytes, String os, String kernel,
                              String jdkVersion, String jdkVendor, String javaHome, List<String> jvmFlags,
                              List<String> forkJvmFlags, String gitCommit, boolean gitDirty, String hostname,
                              Map<String, String> extra) {

    /** What must match for two runs to be compared: CPU, cores, memory (to the GiB) and OS. */
    public String machineKey() {
        return cpuModel + "|" + cores + "|" + (memoryBytes >> 30) + "GiB|" + os;
    }
}
