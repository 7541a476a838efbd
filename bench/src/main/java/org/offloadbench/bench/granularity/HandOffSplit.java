package org.offloadbench.bench.granularity;

/**
 * One round trip cut into four parts that add up to it exactly: the caller's send (its {@code submit} call), the
 * wait in a queue before the task started, the run, and the reply (everything else until the caller woke up).
 *
 * <p>The model reports its queue time from the top of {@code submit} to the start of execution
 * ({@code TaskResult.queueNanos}) and the run time; the caller times its submit call and the whole round trip.
 * For a model whose workers are threads of the caller's JVM the queue time is on the caller's clock and begins
 * with the submit call, so that call is taken out of it ({@code queueIncludesSend}). For an out-of-process model
 * the queue time is the caller's wait for a free worker plus the worker's own queue (measured in the worker,
 * carried back in the frame or header), so the reply part holds the request's and the reply's way over the wire:
 * one-way times would need the two sides' clocks compared, which this split does not do.
 *
 * <p>Parts never overlap and never go negative: run is at most the round trip, queue at most what run leaves,
 * send at most what both leave; the reply is the rest.
 */
public record HandOffSplit(long sendNanos, long queueNanos, long runNanos, long replyNanos) {

    public HandOffSplit {
        if (sendNanos < 0 || queueNanos < 0 || runNanos < 0 || replyNanos < 0) {
            throw new IllegalArgumentException("parts must be >= 0: " + sendNanos + ", " + queueNanos + ", "
                    + runNanos + ", " + replyNanos);
        }
    }

    /**
     * @param submitCallNanos    how long the caller's submit call took
     * @param modelQueueNanos    the model's queue time ({@code TaskResult.queueNanos})
     * @param modelRunNanos      the model's run time ({@code TaskResult.runNanos})
     * @param roundTripNanos     submit to the caller's wake-up with the result
     * @param queueIncludesSend  whether the model's queue time began with the submit call on the caller's clock
     */
    public static HandOffSplit of(long submitCallNanos, long modelQueueNanos, long modelRunNanos, long roundTripNanos,
                                  boolean queueIncludesSend) {
        long total = Math.max(0, roundTripNanos);
        long submit = Math.max(0, submitCallNanos);
        long queued = Math.max(0, modelQueueNanos);
        long run = Math.min(Math.max(0, modelRunNanos), total);
        long send = submit;
        long queue = queued;
        if (queueIncludesSend) {
            send = Math.min(submit, queued);
            queue = queued - send;
        }
        queue = Math.min(queue, total - run);
        send = Math.min(send, total - run - queue);
        return new HandOffSplit(send, queue, run, total - run - queue - send);
    }

    public long roundTripNanos() {
        return sendNanos + queueNanos + runNanos + replyNanos;
    }
}
