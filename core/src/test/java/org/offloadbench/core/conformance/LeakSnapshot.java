package org.offloadbench.core.conformance;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The threads and child processes alive at one moment, so a test can ask what appeared since. A thread
 * counts as a leak when it is new and either non-daemon (it would keep the JVM alive) or named with the
 * offloader's prefix (so a model using daemon threads is checked too). Virtual threads are not visible to
 * {@link Thread#getAllStackTraces()}; a virtual-thread model is checked through its stats instead.
 */
public final class LeakSnapshot {
    private final Set<Long> threadIds;
    private final Set<Long> processIds;

    private LeakSnapshot(Set<Long> threadIds, Set<Long> processIds) {
        this.threadIds = threadIds;
        this.processIds = processIds;
    }

    public static LeakSnapshot take() {
        return new LeakSnapshot(liveThreads().stream().map(Thread::getId).collect(Collectors.toSet()),
                ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet()));
    }

    /** Threads alive now that were not alive at the snapshot and are non-daemon or carry {@code prefix}. */
    public List<String> newThreads(String prefix) {
        return liveThreads().stream()
                .filter(t -> !threadIds.contains(t.getId()))
                .filter(t -> !t.isDaemon() || t.getName().startsWith(prefix))
                .map(t -> "'" + t.getName() + "' (" + (t.isDaemon() ? "daemon" : "non-daemon") + ", " + t.getState() + ")")
                .toList();
    }

    /** Descendant processes alive now that were not at the snapshot. */
    public List<String> newProcesses() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> !processIds.contains(p.pid()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList();
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }
}
