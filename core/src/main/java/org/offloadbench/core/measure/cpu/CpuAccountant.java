package org.offloadbench.core.measure.cpu;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.offloadbench.core.measure.NanoClock;

/**
 * Measures what a window of work cost in CPU: {@link #start} before the measured iterations,
 * {@link Window#stop()} after them, then {@link CpuUsage#perTask} with the completed count. See
 * {@link CpuUsage} for where the line between coordinator and workers runs.
 *
 * <p>Worker processes are followed as a tree: the pids the offloader names, their descendants, and each
 * one's reaped children (a reaped process's whole life moves into its parent's {@code cutime}). A worker
 * that dies in the window and is reaped by this JVM reappears in this JVM's {@code cutime}, so it is
 * counted once: its time at the start is taken off again. /proc counts in ticks of 10 ms, so a window
 * should hold at least a few hundred milliseconds of CPU.
 */
public final class CpuAccountant {
    private final CpuSource source;
    private final NanoClock clock;

    public CpuAccountant(CpuSource source, NanoClock clock) {
        this.source = source;
        this.clock = clock;
    }

    public static CpuAccountant ofThisMachine() {
        return new CpuAccountant(ProcCpuSource.ofThisMachine(), NanoClock.system());
    }

    /**
     * @param coordinatorThreadIds the load generator's threads (for in-process models, the coordinator's side)
     * @param workerPids           the offloader's worker processes now ({@code Offloader::workerPids}); asked
     *                             at the start and again at the end, so replaced workers are seen
     */
    public Window start(Collection<Long> coordinatorThreadIds, Supplier<List<Long>> workerPids) {
        return new Window(List.copyOf(coordinatorThreadIds), workerPids);
    }

    /** One open measurement. */
    public final class Window {
        private final List<Long> threadIds;
        private final Supplier<List<Long>> workerPids;
        private final boolean outOfProcess;
        private final long startNanos;
        private final String unavailable;
        private final Map<Long, CpuTimes> threadsAtStart = new HashMap<>();
        private final ProcStat selfAtStart;
        private final long selfCpuAtStart;
        private final Map<Long, ProcStat> treeAtStart;

        private Window(List<Long> threadIds, Supplier<List<Long>> workerPids) {
            this.threadIds = threadIds;
            this.workerPids = workerPids;
            List<Long> roots = workerPids.get().stream().filter(pid -> pid != source.selfPid()).toList();
            this.outOfProcess = !roots.isEmpty();
            this.unavailable = source.unavailableReason().orElse(null);
            Map<Long, ProcStat> all = unavailable == null ? source.processes() : Map.of();
            this.selfAtStart = all.get(source.selfPid());
            this.treeAtStart = tree(all, roots);
            for (long id : threadIds) {
                source.threadCpu(id).ifPresent(t -> threadsAtStart.put(id, t));
            }
            this.selfCpuAtStart = source.selfCpuNanos();
            this.startNanos = clock.nanoTime();
        }

        /** Closes the window; call it from any thread, once the measured work has completed. */
        public CpuUsage stop() {
            long wall = clock.nanoTime() - startNanos;
            long selfCpuAtEnd = source.selfCpuNanos();
            CpuTimes threads = CpuTimes.ZERO;
            for (long id : threadIds) {
                Optional<CpuTimes> end = source.threadCpu(id);
                CpuTimes begin = threadsAtStart.get(id);
                if (end.isEmpty() || begin == null) {
                    return CpuUsage.notMeasurable("not measurable: the CPU time of coordinator thread " + id
                            + " cannot be read (thread CPU time unsupported, or the thread ended in the window)",
                            wall, outOfProcess);
                }
                threads = threads.plus(end.get().minusClamped(begin));
            }
            if (unavailable != null) {
                return CpuUsage.notMeasurable(unavailable, wall, outOfProcess);
            }
            Map<Long, ProcStat> all = source.processes();
            ProcStat selfAtEnd = all.get(source.selfPid());
            if (selfAtStart == null || selfAtEnd == null) {
                return CpuUsage.notMeasurable("not measurable: this JVM's own /proc stat line could not be read",
                        wall, outOfProcess);
            }
            CpuTimes self = selfDelta(selfAtEnd, selfCpuAtEnd);
            if (!outOfProcess) {
                // children this JVM reaped in the window (a model starting short-lived processes) worked too
                CpuTimes reaped = CpuTimes.ofTicks(Math.max(0, selfAtEnd.cutimeTicks() - selfAtStart.cutimeTicks()),
                        Math.max(0, selfAtEnd.cstimeTicks() - selfAtStart.cstimeTicks()), source.ticksPerSecond());
                return new CpuUsage(threads, self.minusClamped(threads).plus(reaped), wall, false, 0, null);
            }
            Set<Long> roots = new HashSet<>(workerPids.get());
            roots.remove(source.selfPid());
            roots.addAll(treeAtStart.keySet()); // a worker the pool let go of but that still runs is still ours
            Map<Long, ProcStat> treeAtEnd = tree(all, roots);
            long user = selfAtEnd.cutimeTicks() - selfAtStart.cutimeTicks();
            long system = selfAtEnd.cstimeTicks() - selfAtStart.cstimeTicks();
            for (ProcStat now : treeAtEnd.values()) {
                ProcStat then = treeAtStart.get(now.pid());
                user += now.userTicksWithChildren();
                system += now.systemTicksWithChildren();
                if (then != null && then.comm().equals(now.comm())) { // same process, not a reused pid
                    user -= then.userTicksWithChildren();
                    system -= then.systemTicksWithChildren();
                }
            }
            for (ProcStat gone : treeAtStart.values()) {
                if (!treeAtEnd.containsKey(gone.pid())) {
                    // its whole life is now in its reaper's cutime, counted above: take off what preceded the window
                    user -= gone.userTicksWithChildren();
                    system -= gone.systemTicksWithChildren();
                }
            }
            CpuTimes workers = CpuTimes.ofTicks(Math.max(0, user), Math.max(0, system), source.ticksPerSecond());
            return new CpuUsage(self, workers, wall, true, treeAtEnd.size(), null);
        }

        /**
         * This JVM's own time over the window: the management bean's nanoseconds where it has them, split into
         * user and system in the proportion of /proc's ticks.
         */
        private CpuTimes selfDelta(ProcStat end, long selfCpuAtEnd) {
            long userTicks = Math.max(0, end.utimeTicks() - selfAtStart.utimeTicks());
            long systemTicks = Math.max(0, end.stimeTicks() - selfAtStart.stimeTicks());
            if (selfCpuAtStart < 0 || selfCpuAtEnd < 0) {
                return CpuTimes.ofTicks(userTicks, systemTicks, source.ticksPerSecond());
            }
            long total = Math.max(0, selfCpuAtEnd - selfCpuAtStart);
            long ticks = userTicks + systemTicks;
            long system = ticks == 0 ? 0 : Math.round((double) total * systemTicks / ticks);
            return new CpuTimes(total - system, system);
        }
    }

    /** The roots and every descendant of theirs in {@code all}, by pid, roots first. */
    public static Map<Long, ProcStat> tree(Map<Long, ProcStat> all, Collection<Long> roots) {
        Map<Long, List<ProcStat>> children = new HashMap<>();
        for (ProcStat p : all.values()) {
            children.computeIfAbsent(p.ppid(), k -> new java.util.ArrayList<>()).add(p);
        }
        Map<Long, ProcStat> tree = new LinkedHashMap<>();
        Deque<Long> todo = new ArrayDeque<>(roots);
        Set<Long> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            long pid = todo.poll();
            ProcStat p = all.get(pid);
            if (p == null || !seen.add(pid)) {
                continue;
            }
            tree.put(pid, p);
            for (ProcStat c : children.getOrDefault(pid, List.of())) {
                todo.add(c.pid());
            }
        }
        return tree;
    }
}
