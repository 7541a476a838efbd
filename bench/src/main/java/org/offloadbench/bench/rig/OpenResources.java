package org.offloadbench.bench.rig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.Offloader;

/**
 * Everything the run started that must not outlive it: offloaders (and through them their threads, child
 * JVMs, servers, files) and the processes the runner forks itself. {@link #closeAll} runs after every
 * suite and on Ctrl-C, so nothing is left running after any exit.
 */
public final class OpenResources {
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final Set<Offloader> offloaders = new LinkedHashSet<>();
    private final Set<Process> processes = new LinkedHashSet<>();

    public synchronized Offloader track(Offloader offloader) {
        offloaders.add(offloader);
        return offloader;
    }

    public synchronized Process track(Process process) {
        processes.add(process);
        return process;
    }

    /** Closes one offloader now; false when tasks had to be failed to close it. */
    public boolean close(Offloader offloader) {
        synchronized (this) {
            offloaders.remove(offloader);
        }
        return offloader.close(CLOSE_GRACE);
    }

    public void release(Process process) {
        synchronized (this) {
            processes.remove(process);
        }
        kill(process);
    }

    public synchronized int openCount() {
        return offloaders.size() + processes.size();
    }

    /**
     * Closes every tracked offloader and kills every tracked process (with its descendants).
     *
     * @return what went wrong while closing, one line each (empty when all went well)
     */
    public List<String> closeAll() {
        List<Offloader> toClose;
        List<Process> toKill;
        synchronized (this) {
            toClose = new ArrayList<>(offloaders);
            toKill = new ArrayList<>(processes);
            offloaders.clear();
            processes.clear();
        }
        List<String> problems = new ArrayList<>();
        for (Offloader offloader : toClose) {
            try {
                if (!offloader.close(CLOSE_GRACE)) {
                    problems.add(offloader.name() + " had to fail unfinished tasks to close");
                }
            } catch (RuntimeException e) {
                problems.add(offloader.name() + " failed to close: " + e);
            }
        }
        toKill.forEach(OpenResources::kill);
        return problems;
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
