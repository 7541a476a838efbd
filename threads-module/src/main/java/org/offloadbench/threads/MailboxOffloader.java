package org.offloadbench.threads;

import java.util.Arrays;
import java.util.Locale;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.threads.support.DedicatedWorkers;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.threads.support.ThreadModelSettings;
import org.offloadbench.threads.support.ThreadOffloader;

/**
 * {@value #NAME}: dedicated worker threads, each with its own inbox, like Node's {@code worker_threads} with
 * {@code postMessage}. The sender picks the worker when it posts ({@code dispatch=least-loaded}, the default:
 * the inbox with the fewest waiting plus running tasks; or {@code dispatch=round-robin}); a task never moves
 * to another inbox afterwards, so unlike the shared-queue pool an idle worker cannot take over work queued
 * behind a slow task. That difference is the point of measuring both.
 *
 * <p><b>Copy or transfer.</b> By default the input is copied on send ({@code Task.Handoff.COPY}, the
 * structured-clone analog): the sender may reuse its array at once. {@code Task.transferring(...)} hands the
 * array itself over ({@code TransferableBuffer} is detached, as with a transferList in Node): no copy, and the
 * sender can no longer touch it. {@code TransferBenchmark} measures both paths.
 *
 * <p><b>Timeouts.</b> As in {@link PlatformPoolOffloader}: counted from the start of execution; the thread is
 * interrupted; a task that ignores the interrupt past {@code abandonGraceMillis} has its thread abandoned
 * (counted in {@code stats().abandoned()}) and a fresh thread takes over the same inbox. The abandoned thread
 * keeps its core busy until its task ends by itself: a JVM cannot kill a thread.
 *
 * <p>Options: {@code dispatch=least-loaded|round-robin}, {@code abandonGraceMillis}.
 */
public final class MailboxOffloader extends ThreadOffloader {
    public static final String NAME = "threads/mailbox";
    public static final String DISPATCH = "dispatch";

    /** The mailbox's own options (every thread model also takes {@code abandonGraceMillis}). */
    public static final List<OptionSpec> OPTIONS = List.of(OptionSpec.choice(DISPATCH,
            Dispatch.LEAST_LOADED.optionValue(), Arrays.stream(Dispatch.values()).map(Dispatch::optionValue).toList(),
            "how the sender picks an inbox: the one with the fewest waiting plus running tasks, or the next in turn"));

    /** How the sender picks an inbox. */
    public enum Dispatch {
        LEAST_LOADED, ROUND_ROBIN;

        public String optionValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Dispatch parse(String text) {
            for (Dispatch d : values()) {
                if (d.optionValue().equals(text)) {
                    return d;
                }
            }
            throw new IllegalArgumentException(NAME + ": option " + DISPATCH + " must be one of "
                    + Arrays.stream(values()).map(Dispatch::optionValue).collect(Collectors.joining(", "))
                    + ", was '" + text + "'");
        }
    }

    private final DedicatedWorkers workers;
    private final Dispatch dispatch;
    private final AtomicInteger nextInbox = new AtomicInteger();

    public MailboxOffloader(OffloaderConfig config) {
        this(config, WorkloadCatalogue.load());
    }

    public MailboxOffloader(OffloaderConfig config, WorkloadCatalogue catalogue) {
        super(ThreadModelSettings.from(NAME, config, OPTIONS), catalogue);
        dispatch = Dispatch.parse(config.option(DISPATCH, Dispatch.LEAST_LOADED.optionValue()).trim().toLowerCase(Locale.ROOT));
        workers = new DedicatedWorkers(NAME, config.workers(), slot -> new LinkedBlockingQueue<>());
        workers.start();
    }

    public Dispatch dispatchPolicy() {
        return dispatch;
    }

    @Override
    protected void dispatch(TaskHandle handle) {
        pick().post(handle);
    }

    private DedicatedWorkers.Slot pick() {
        int n = workers.size();
        // start the scan at a rotating index so equal loads spread instead of piling on worker 1
        int first = Math.floorMod(nextInbox.getAndIncrement(), n);
        if (dispatch == Dispatch.ROUND_ROBIN) {
            return workers.slot(first);
        }
        DedicatedWorkers.Slot best = workers.slot(first);
        int bestLoad = best.load();
        for (int i = 1; i < n && bestLoad > 0; i++) {
            DedicatedWorkers.Slot candidate = workers.slot((first + i) % n);
            int load = candidate.load();
            if (load < bestLoad) {
                best = candidate;
                bestLoad = load;
            }
        }
        return best;
    }

    @Override
    protected int workerCount() {
        return workers.serving();
    }

    @Override
    protected void onRunnerAbandoned(Thread stuck, boolean closing) {
        if (workers.replace(stuck)) {
            counters().respawned();
        }
    }

    @Override
    protected void stopWorkers(long deadlineNanos) throws InterruptedException {
        workers.stop(deadlineNanos, settings().nanoTime());
    }
}
