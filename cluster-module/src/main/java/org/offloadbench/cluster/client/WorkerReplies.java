package org.offloadbench.cluster.client;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.offloadbench.cluster.http.OffloadHeaders;
import org.offloadbench.cluster.http.WorkerReply;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.TaskResult;

/**
 * Turns a worker's (or the balancer's) HTTP answer into a task's outcome, and counts the answers per worker
 * for the evenness figures.
 */
final class WorkerReplies {
    private final String model;
    private final Map<String, LongAdder> answeredBy = new ConcurrentHashMap<>();

    WorkerReplies(String model) {
        this.model = model;
    }

    /**
     * A 200 with its checksum is a result (its queue time is the client's wait plus the worker's); anything
     * else is a failure of the kind the worker named, or, from the balancer itself, of the kind its status says.
     */
    Outcome decode(WorkerReply reply, long clientQueueNanos) {
        String worker = reply.header(OffloadHeaders.WORKER);
        if (reply.status() == 200) {
            String checksum = reply.header(OffloadHeaders.CHECKSUM);
            if (checksum == null) {
                return Outcome.failed(OffloadException.workerCrashed(model + ": answer without "
                        + OffloadHeaders.CHECKSUM + " from " + worker));
            }
            if (worker != null) {
                answeredBy.computeIfAbsent(worker, w -> new LongAdder()).increment();
            }
            long workerQueue = parseLong(reply.header(OffloadHeaders.QUEUE_NANOS));
            long run = parseLong(reply.header(OffloadHeaders.RUN_NANOS));
            return Outcome.of(new TaskResult(reply.body(), Long.parseLong(checksum), clientQueueNanos + workerQueue,
                    run, worker == null ? "?" : worker));
        }
        String failure = reply.header(OffloadHeaders.FAILURE);
        FailureKind kind;
        if (failure != null) {
            try {
                kind = FailureKind.valueOf(failure);
            } catch (IllegalArgumentException e) {
                kind = FailureKind.WORKER_CRASHED;
            }
        } else {
            // an answer from the balancer itself (nginx): its upstreams failed
            kind = switch (reply.status()) {
                case 400, 404, 413, 431 -> FailureKind.BAD_REQUEST;
                case 504 -> FailureKind.TIMED_OUT;
                default -> FailureKind.WORKER_CRASHED;
            };
        }
        String message = model + ": " + (worker == null ? "the balancer" : "worker " + worker) + " answered "
                + reply.status() + ": " + reply.bodyText();
        return Outcome.failed(new OffloadException(kind, message));
    }

    /** Requests answered per worker id ({@code pid@host:port}). */
    Map<String, Long> answeredByWorker() {
        Map<String, Long> out = new TreeMap<>();
        answeredBy.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static long parseLong(String v) {
        try {
            return v == null ? 0L : Math.max(0L, Long.parseLong(v));
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    /** How one task ended: a result or a failure. */
    record Outcome(TaskResult result, OffloadException failure) {
        static Outcome of(TaskResult result) {
            return new Outcome(result, null);
        }

        static Outcome failed(OffloadException failure) {
            return new Outcome(null, failure);
        }
    }
}
