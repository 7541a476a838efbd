package org.offloadbench.reports.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Saturated throughput on a machine with more cores, projected from what one task cost here in CPU.
 *
 * <p>At throughput X the workers keep X·w cores busy and the coordinator X·c (w, c: CPU seconds per task).
 * On N cores three limits hold, and the projection is the lowest:
 * <ul>
 *   <li>cores: X·(w + c) ≤ N, so X ≤ N / (w + c) (every core busy, coordinator and workers sharing them);</li>
 *   <li>coordinator: X·c ≤ 1, so X ≤ 1 / c (one caller thread cannot use more than a core);</li>
 *   <li>scaling: X ≤ USL(N), where a Universal Scalability Law fit exists from worker counts that did not
 *       exceed the measuring machine's cores (beyond them the machine, not the model, is the limit).</li>
 * </ul>
 * It assumes the per-task CPU stays what it was here: no worse wake-up or cache cost with more cores, no
 * better one from idle cores the workers stop sharing with the coordinator, and the same clock speed.
 *
 * @param coordinatorSecondsPerTask c: the coordinator's CPU per task, in seconds
 * @param workerSecondsPerTask      w: the workers' CPU per task, in seconds
 * @param usl                       the scaling fit, when one exists
 */
public record CoreProjection(double coordinatorSecondsPerTask, double workerSecondsPerTask, Optional<UslFit> usl) {

    /** The core counts the report projects to. */
    public static final List<Integer> CORES = List.of(4, 8, 16, 32, 64);

    public CoreProjection {
        if (!(coordinatorSecondsPerTask >= 0) || !(workerSecondsPerTask >= 0)
                || coordinatorSecondsPerTask + workerSecondsPerTask <= 0) {
            throw new IllegalArgumentException("CPU per task must be non-negative and not both zero, was coordinator "
                    + coordinatorSecondsPerTask + " s, workers " + workerSecondsPerTask + " s");
        }
        usl = usl == null ? Optional.empty() : usl;
    }

    /** What bounds the projection at a core count. */
    public enum Limit {
        CORES("all cores busy"), COORDINATOR("the coordinator's one core"), SCALING("the measured scaling (USL)");

        private final String meaning;

        Limit(String meaning) {
            this.meaning = meaning;
        }

        public String meaning() {
            return meaning;
        }
    }

    /** One projected point: throughput in ops/s at {@code cores}, and the limit that set it. */
    public record Point(int cores, double throughput, Limit limit) {
    }

    public Point at(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, was " + cores);
        }
        double byCores = cores / (coordinatorSecondsPerTask + workerSecondsPerTask);
        double byCoordinator = coordinatorSecondsPerTask > 0 ? 1 / coordinatorSecondsPerTask : Double.POSITIVE_INFINITY;
        Point best = new Point(cores, byCores, Limit.CORES);
        if (byCoordinator < best.throughput()) {
            best = new Point(cores, byCoordinator, Limit.COORDINATOR);
        }
        if (usl.isPresent() && usl.get().predict(cores) < best.throughput()) {
            best = new Point(cores, usl.get().predict(cores), Limit.SCALING);
        }
        return best;
    }

    public List<Point> atEachOf(List<Integer> cores) {
        List<Point> out = new ArrayList<>();
        cores.forEach(n -> out.add(at(n)));
        return out;
    }

    /**
     * How a projection made here compares with a measurement on a bigger machine: {@code measured /
     * projected}. 1 means the projection held; below 1 the bigger machine did worse than the CPU costs
     * promised (contention, wake-ups across sockets), above 1 better (the small machine's coordinator
     * shared its cores with the workers).
     */
    public double ratioOf(double measuredThroughput, int cores) {
        return measuredThroughput / at(cores).throughput();
    }

    /** The assumptions, for the text under the chart. */
    public static String assumptions() {
        return "Projected throughput X(N) = min(N / (w + c), 1 / c, USL(N)) with w and c the workers' and the "
                + "coordinator's CPU per task measured here at workers = cores: all N cores shared by workers and "
                + "coordinator; one coordinator thread, so never more than one core for it; and the Universal "
                + "Scalability Law fitted to this machine's scaling where at least three worker counts not above its "
                + "cores exist. It assumes the CPU per task stays as measured: the same clock speed, wake-up and "
                + "cache costs on the bigger machine, the workload's own cost unchanged, and no second coordinator. "
                + "It is a bound from CPU cost, not a measurement: a run on a bigger machine checks it.";
    }
}
