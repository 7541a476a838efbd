package org.offloadbench.core.worker;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.WorkloadException;

/**
 * Runs one request and turns it into exactly one answer: a RESPONSE with output, checksum and timings,
 * or an ERROR with a failure kind. Shared by the pipe worker ({@link WorkerLoop}) and the cluster's HTTP
 * worker, so both report the same failures the same way.
 *
 * <p>It never throws for anything a workload does: a workload that throws (even an Error such as
 * StackOverflowError or OutOfMemoryError) is a WORKLOAD_FAILED answer, and the worker lives on. Timeouts and cancellation are
 * the caller's job, since only the caller knows when to stop waiting.
 */
public final class TaskExecutor {

    /** Long stack-trace-like messages are cut so an ERROR frame always fits. */
    static final int MAX_MESSAGE_CHARS = 8 * 1024;

    private final WorkloadCatalogue catalogue;
    private final FrameLimits limits;
    private final LongSupplier nanoTime;

    public TaskExecutor(WorkloadCatalogue catalogue, FrameLimits limits, LongSupplier nanoTime) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public TaskExecutor(WorkloadCatalogue catalogue, FrameLimits limits) {
        this(catalogue, limits, System::nanoTime);
    }

    public WorkloadCatalogue catalogue() {
        return catalogue;
    }

    /**
     * Looks the workload up, runs it in this thread and answers.
     *
     * @param queueNanos how long the request waited before this call; copied into the RESPONSE
     * @return a {@link Frame.Response} or a {@link Frame.Error} for {@code request.requestId()}
     */
    public Frame execute(Frame.Request request, long queueNanos) {
        long id = request.requestId();
        if (!catalogue.contains(request.workloadId())) {
            return error(id, FailureKind.BAD_REQUEST, "unknown workload '" + request.workloadId() + "'; valid: "
                    + String.join(", ", catalogue.ids()));
        }
        Workload workload = catalogue.get(request.workloadId());
        long start = nanoTime.getAsLong();
        byte[] output;
        try {
            output = workload.execute(request.payload());
        } catch (WorkloadException e) {
            return error(id, FailureKind.WORKLOAD_FAILED, String.valueOf(e.getMessage()));
        } catch (Throwable t) {
            // anything a workload throws is its failure, reported with its class and message: an
            // AssertionError or ExceptionInInitializerError must not kill a task thread and leave the request
            // unanswered, and after an OutOfMemoryError the failed task's heap is garbage, so the worker is
            // still usable
            return error(id, FailureKind.WORKLOAD_FAILED, workload.id() + " threw " + t);
        }
        long runNanos = Math.max(0L, nanoTime.getAsLong() - start);
        if (output == null) {
            return error(id, FailureKind.WORKLOAD_FAILED, workload.id() + " returned null instead of output bytes");
        }
        if (output.length > limits.maxPayloadBytes()) {
            return error(id, FailureKind.WORKLOAD_FAILED, workload.id() + " produced " + output.length
                    + " bytes of output, over the frame limit of " + limits.maxPayloadBytes() + " bytes");
        }
        return new Frame.Response(id, Checksums.of(output), Math.max(0L, queueNanos), runNanos, output);
    }

    /** An ERROR frame whose message is cut to fit any frame limit. */
    public Frame.Error error(long requestId, FailureKind failure, String message) {
        // UTF-8 needs at most 3 bytes per char here (a surrogate pair is 2 chars for 4 bytes)
        int maxChars = Math.min(MAX_MESSAGE_CHARS, limits.maxPayloadBytes() / 3);
        String cut = message.length() <= maxChars ? message
                : message.substring(0, Math.max(0, maxChars - 15)) + " ...[truncated]";
        if (cut.length() > maxChars) {
            cut = message.substring(0, maxChars);
        }
        return new Frame.Error(requestId, failure, cut);
    }
}
