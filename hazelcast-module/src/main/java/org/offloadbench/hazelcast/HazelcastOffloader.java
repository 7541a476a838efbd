package org.offloadbench.hazelcast;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.support.LifecycleSettings;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.core.offload.support.TaskLifecycle;
import org.offloadbench.core.offload.transport.RecoveryPolicy;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * {@value #NAME}: worker JVMs that are Hazelcast members, one executor thread each, fed by a Hazelcast client
 * in the caller's JVM through {@link IExecutorService#submitToMember}. Tasks wait here, in the caller, and go to
 * a member only when it is idle: the member's executor never queues, so a task's timeout really counts from the
 * start of its execution, a queued task can be cancelled without a round trip, and "running" in the stats is
 * exact. The price is one round trip of idle time per member between tasks (no pipelining).
 *
 * <p>A task's life is core's {@link TaskLifecycle}: admission against {@code workers + queueCapacity}, exactly-once
 * completion, the timeout (counted from the send, which is the start of execution here), cancel, the counters
 * and the close drain. This class is the transport (which member is idle, the call) and its recovery.
 *
 * <p>Failures: a member that dies under a task (killed, halted, out of memory) fails the call with a
 * member-left or disconnect error, and the task runs once more on another member ({@code retry=true}, the
 * default); the dead member is replaced ({@link MemberRecovery}). A cancelled or timed-out task is stopped on
 * its member by id ({@link StopCall}); if it has not returned within {@code abandonGraceMillis} the member is
 * killed and replaced.
 */
public final class HazelcastOffloader implements Offloader {
    public static final String NAME = "cluster/hazelcast";

    private final Object lock = new Object();
    private final HazelcastSettings settings;
    private final WorkloadCatalogue catalogue;
    private final MemberRecovery recovery;
    private final RecoveryPolicy policy;
    private final HazelcastInstance client;
    private final IExecutorService executor;
    private final List<MemberSlot> slots;
    private final ArrayDeque<Job> pending = new ArrayDeque<>();
    private final AtomicLong taskIds = new AtomicLong();
    private final TaskLifecycle lifecycle;
    private boolean cutShort; // close ran out of time; guarded by lock

    HazelcastOffloader(HazelcastSettings settings, int workers, int queueCapacity, WorkloadCatalogue catalogue,
                       MemberRecovery recovery, HazelcastInstance client, List<MemberSlot> slots) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.recovery = recovery;
        this.policy = MemberRecovery.policy(settings.retry());
        this.client = client;
        this.executor = client.getExecutorService(HazelcastConfigs.EXECUTOR);
        this.slots = List.copyOf(slots);
        // members never queue, so the lifecycle times each task from its send: the start of its execution
        this.lifecycle = new TaskLifecycle(LifecycleSettings.of(NAME, workers + queueCapacity), new Model());
        recovery.attach(this, lock);
    }

    /** Starts the members (or connects to those given) and the client; see {@link HazelcastCluster}. */
    public static HazelcastOffloader start(org.offloadbench.core.offload.OffloaderConfig config) {
        return HazelcastCluster.start(config, WorkloadCatalogue.load());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        Objects.requireNonNull(task, "task");
        if (!lifecycle.isClosed() && !catalogue.contains(task.workloadId())) {
            return lifecycle.failAtSubmit(OffloadException.badRequest("unknown workload '"
                    + task.workloadId() + "'; valid: " + String.join(", ", catalogue.ids())));
        }
        return lifecycle.submit(task, null);
    }

    /** What the lifecycle asks of this model: queue a task for an idle member, stop one ended from outside. */
    private final class Model implements TaskLifecycle.Model {
        @Override
        public void dispatch(TaskHandle handle) {
            Job job = new Job(handle, taskIds.incrementAndGet());
            handle.attach(job);
            synchronized (lock) {
                pending.addLast(job);
                dispatchLocked();
            }
        }

        /** Timed out, cancelled or cut short by close: out of the queue, or interrupted on its member. */
        @Override
        public void stopped(TaskHandle handle, TaskHandle.State from) {
            Job job = (Job) handle.attachment();
            if (job == null) {
                return;
            }
            synchronized (lock) {
                if (from == TaskHandle.State.QUEUED) {
                    pending.remove(job);
                } else if (job.slot != null && job.slot.running == job) {
                    if (cutShort) {
                        job.slot.running = null; // the members are closed next
                    } else {
                        stopRunning(job, job.slot);
                    }
                }
                dispatchLocked();
            }
        }

        @Override
        public String queueFullMessage() {
            int capacity = lifecycle.settings().admissionLimit();
            return "queue full: " + lifecycle.accepted() + " tasks queued or running in " + NAME
                    + " (workers + queueCapacity = " + capacity + "); retry later or raise queueCapacity";
        }
    }

    /** Sends pending tasks to idle members. Caller holds the lock. */
    void dispatchLocked() {
        if (cutShort) {
            return;
        }
        for (MemberSlot slot : slots) {
            while (slot.idle() && !pending.isEmpty()) {
                Job job = pending.pollFirst();
                if (job.handle.isDone() || !job.handle.start()) {
                    continue;
                }
                send(job, slot);
            }
        }
        if (!pending.isEmpty() && recovery.givenUp(slots)) {
            failAllPendingLocked(OffloadException.workerCrashed(NAME + ": every member failed to start "
                    + MemberRecovery.MAX_FAILED_STARTS + " times in a row; see the members' stderr"));
        }
    }

    /** Sends a started job; its timeout (the lifecycle's) already counts. Caller holds the lock. */
    private void send(Job job, MemberSlot slot) {
        job.slot = slot;
        job.attempts++;
        slot.running = job;
        java.util.concurrent.Future<WorkloadReply> call;
        try {
            call = executor.submitToMember(new WorkloadCall(job.taskId, job.handle.task().workloadId(), job.handle.input()),
                    slot.member);
        } catch (RuntimeException e) {
            onAnswer(job, slot, null, e);
            return;
        }
        if (call instanceof CompletionStage<?>) {
            @SuppressWarnings("unchecked")
            CompletionStage<WorkloadReply> stage = (CompletionStage<WorkloadReply>) call;
            stage.whenComplete((reply, error) -> {
                synchronized (lock) {
                    onAnswer(job, slot, reply, error);
                }
            });
        } else {
            onAnswer(job, slot, null, new IllegalStateException("Hazelcast returned a " + call.getClass()
                    + ", not a CompletionStage"));
        }
    }

    /** A member answered, or its call failed. Caller holds the lock. */
    private void onAnswer(Job job, MemberSlot slot, WorkloadReply reply, Throwable error) {
        if (slot.running != job) {
            return; // already settled: timed out, cancelled, or failed over when the member died
        }
        slot.running = null;
        TaskHandle handle = job.handle;
        if (error != null) {
            if (MemberRecovery.isMemberLoss(error) || !slot.alive) {
                recovery.memberLost(slot, "its call failed: " + error);
                retryOrFail(job, slot, error);
            } else {
                handle.fail(new OffloadException(FailureKind.WORKER_CRASHED, NAME + ": call to "
                        + slot.workerId() + " failed: " + error, error));
            }
        } else if (reply.ok()) {
            long checksum = Checksums.of(reply.output());
            if (checksum != reply.checksum()) {
                handle.fail(OffloadException.workerCrashed(NAME + ": reply from " + slot.workerId()
                        + " is corrupt (checksum " + checksum + ", member said " + reply.checksum() + ")"));
            } else {
                handle.complete(new TaskResult(reply.output(), checksum, handle.startNanos() - handle.submitNanos(),
                        reply.runNanos(), slot.workerId()));
            }
        } else {
            handle.fail(new OffloadException(reply.failure(), reply.message()));
        }
        dispatchLocked();
    }

    /** The member running {@code job} died. Caller holds the lock. */
    void retryOrFail(Job job, MemberSlot slot, Throwable cause) {
        if (!job.isRunning()) {
            return;
        }
        if (slot.running == job) {
            slot.running = null;
        }
        if (policy.mayRetry(job.attempts, lifecycle.isClosed()) && job.handle.requeue()) {
            lifecycle.counters().retried();
            pending.addFirst(job);
        } else {
            job.handle.fail(new OffloadException(FailureKind.WORKER_CRASHED, NAME + ": " + slot.workerId()
                    + " died while running the task" + (settings.retry() ? " (retried once already)" : "")
                    + ": " + cause, cause));
        }
    }

    /** Interrupts a task that no longer has a caller; the member takes no task until it has returned. */
    private void stopRunning(Job job, MemberSlot slot) {
        slot.running = null;
        recovery.drain(slot, job.taskId, settings.abandonGraceMillis());
    }

    private void failAllPendingLocked(OffloadException failure) {
        List<Job> jobs = new ArrayList<>(pending);
        pending.clear();
        for (Job job : jobs) {
            job.handle.fail(failure);
        }
    }

    @Override
    public OffloaderStats stats() {
        synchronized (lock) {
            int workers = 0;
            int running = 0;
            for (MemberSlot slot : slots) {
                workers += slot.alive ? 1 : 0;
                running += slot.running != null ? 1 : 0;
            }
            int queued = (int) pending.stream().filter(j -> !j.handle.isDone()).count();
            return lifecycle.counters().snapshot(workers, queued, running).withRecovery(recovery.respawned(), 0);
        }
    }

    @Override
    public List<Long> workerPids() {
        synchronized (lock) {
            return slots.stream().filter(s -> s.process != null && s.alive).map(s -> s.process.pid()).toList();
        }
    }

    /**
     * Drains (core's lifecycle: accepted tasks finish until the timeout, the rest fail CLOSED), then shuts the
     * client down and ends every member started here.
     */
    @Override
    public boolean close(Duration timeout) {
        return lifecycle.close(timeout, new TaskLifecycle.Shutdown() {
            @Override
            public void beforeCutShort() {
                synchronized (lock) {
                    cutShort = true;
                }
            }

            @Override
            public void stopWorkers(long deadlineNanos) {
                client.shutdown();
                recovery.close(slots);
            }
        });
    }

    static HazelcastInstance newClient(String clusterName, List<String> addresses, long connectTimeoutMillis) {
        return HazelcastClient.newHazelcastClient(HazelcastConfigs.client(clusterName, addresses, connectTimeoutMillis));
    }

    static boolean isCancellation(Throwable t) {
        return t instanceof CancellationException;
    }
}
