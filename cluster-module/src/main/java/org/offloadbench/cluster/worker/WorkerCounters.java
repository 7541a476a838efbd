package org.offloadbench.cluster.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What {@code GET /metrics} and {@code GET /health} report: cumulative counters of one worker. */
public final class WorkerCounters {
    final LongAdder requests = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    final LongAdder cancelled = new LongAdder();
    final LongAdder abandoned = new LongAdder();
    final LongAdder badRequests = new LongAdder();
    final LongAdder connections = new LongAdder();

    /** Tasks whose thread ignored an interrupt and was left running (cluster/grpc reports it in its trailers). */
    public long abandoned() {
        return abandoned.sum();
    }

    /** A snapshot, with the dispatcher's live gauges, as an ordered map ready for JSON. */
    Map<String, Object> snapshot(TaskDispatcher dispatcher) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", ProcessHandle.current().pid());
        m.put("concurrency", dispatcher.concurrency());
        m.put("running", dispatcher.running());
        m.put("queueDepth", dispatcher.queueDepth());
        m.put("requests", requests.sum());
        m.put("completed", completed.sum());
        m.put("failures", failures.sum());
        m.put("rejected", rejected.sum());
        m.put("timedOut", timedOut.sum());
        m.put("cancelled", cancelled.sum());
        m.put("abandoned", abandoned.sum());
        m.put("badRequests", badRequests.sum());
        m.put("connections", connections.sum());
        return m;
    }
}
