package org.offloadbench.hazelcast;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * {@value #NAME}: worker JVMs that are Hazelcast members, one executor thread each, fed by a Hazelcast client
 * in the caller's JVM through {@link IExecutorService#submitToMember}. Tasks wait here, in the caller, and go to
 * a member only when it is idle: the member's executor never queues, so a task's timeout really counts from the
 * start of its execution, a queued task can be cancelled without a round trip, and "running" in the stats is
 * exact. The price is one round trip of idle time per member between tasks (no pipelining).
 *
 * <p>Failures: a member that dies under a task (killed, halted, out of memory) fails the call with a
 * member-left or disconnect error, and the task runs once more on another member ({@code retry=true}, the
 * default); the dead member is replaced ({@link MemberRecovery}). A cancelled or timed-out task is interrupted
 * on its member; if it has not returned within {@code abandonGraceMillis} the member is killed and replaced.
 */
public final class HazelcastOffloader implements Offloader {
    public static final String NAME = "cluster/hazelcast";

    private final Object lock = new Object();
    private final HazelcastSettings settings;
    private final WorkloadCatalogue catalogue;
    private final int capacity;
    private final MemberRecovery recovery;
    private final HazelcastInstance client;
    private final IExecutorService executor;
    private final List<MemberSlot> slots;
    private final ArrayDeque<Job> pending = new ArrayDeque<>();
    private final Counters counters = new Counters();
    private int admitted; // queued + running, guarded by lock
    private boolean closed; // guarded by lock
    private Boolean closeResult; // guarded by lock

    HazelcastOffloader(HazelcastSettings settings, int workers, int queueCapacity, WorkloadCatalogue catalogue,
                       MemberRecovery recovery, HazelcastInstance client, List<MemberSlot> slots) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.capacity = workers + queueCapacity;
        this.recovery = recovery;
        this.client = client;
        this.executor = client.getExecutorService(HazelcastConfigs.EXECUTOR);
        this.slots = List.copyOf(slots);
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
        synchronized (lock) {
            if (closed) {
                counters.failed++;
                return CompletableFuture.failedFuture(OffloadException.closed(NAME + " is closed and accepts no more tasks"));
            }
            if (!catalogue.contains(task.workloadId())) {
                counters.failed++;
                return CompletableFuture.failedFuture(OffloadException.badRequest("unknown workload '"
                        + task.workloadId() + "'; valid: " + String.join(", ", catalogue.ids())));
            }
            if (admitted >= capacity) {
                counters.rejected++;
                return CompletableFuture.failedFuture(OffloadException.rejected("queue full: " + admitted
                        + " tasks queued or running in " + NAME + " (workers + queueCapacity = " + capacity
                        + "); retry later or raise queueCapacity"));
            }
            admitted++;
            byte[] input = task.handoff() == Task.Handoff.COPY ? task.input().clone() : task.input();
            Job job = new Job(task, input, System.nanoTime());
            job.future.whenComplete((r, e) -> {
                if (job.future.isCancelled()) {
                    onCancelled(job);
                }
            });
            pending.addLast(job);
            dispatchLocked();
            return job.future;
        }
    }

    /** Sends pending tasks to idle members. Caller holds the lock. */
    void dispatchLocked() {
        for (MemberSlot slot : slots) {
            while (slot.idle() && !pending.isEmpty()) {
                Job job = pending.pollFirst();
                if (job.state == Job.State.DONE) {
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

    private void send(Job job, MemberSlot slot) {
        job.state = Job.State.RUNNING;
        job.slot = slot;
        job.attempts++;
        job.startedNanos = System.nanoTime();
        slot.running = job;
        java.util.concurrent.Future<WorkloadReply> call;
        try {
            call = executor.submitToMember(new WorkloadCall(job.task.workloadId(), job.input), slot.member);
        } catch (RuntimeException e) {
            onAnswer(job, slot, null, e);
            return;
        }
        job.call = call;
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
            return;
        }
        if (job.task.hasTimeout()) {
            job.timeout = recovery.timer().schedule(() -> onTimeout(job), job.task.timeoutNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** A member answered, or its call failed. Caller holds the lock. */
    private void onAnswer(Job job, MemberSlot slot, WorkloadReply reply, Throwable error) {
        if (slot.running != job) {
            return; // already settled: timed out, cancelled, or failed over when the member died
        }
        slot.running = null;
        if (job.timeout != null) {
            job.timeout.cancel(false);
        }
        if (error != null) {
            if (MemberRecovery.isMemberLoss(error) || !slot.alive) {
                recovery.memberLost(slot, "its call failed: " + error);
                retryOrFail(job, slot, error);
            } else {
                finish(job, null, new OffloadException(FailureKind.WORKER_CRASHED, NAME + ": call to "
                        + slot.workerId() + " failed: " + error, error));
            }
        } else if (reply.ok()) {
            long checksum = Checksums.of(reply.output());
            if (checksum != reply.checksum()) {
                finish(job, null, OffloadException.workerCrashed(NAME + ": reply from " + slot.workerId()
                        + " is corrupt (checksum " + checksum + ", member said " + reply.checksum() + ")"));
            } else {
                finish(job, new TaskResult(reply.output(), checksum, job.startedNanos - job.submittedNanos,
                        reply.runNanos(), slot.workerId()), null);
            }
        } else {
            finish(job, null, new OffloadException(reply.failure(), reply.message()));
        }
        dispatchLocked();
    }

    /** The member running {@code job} died. Caller holds the lock. */
    void retryOrFail(Job job, MemberSlot slot, Throwable cause) {
        if (job.state != Job.State.RUNNING) {
            return;
        }
        if (slot.running == job) {
            slot.running = null;
        }
        if (job.timeout != null) {
            job.timeout.cancel(false);
        }
        if (settings.retry() && job.attempts < 2 && !closed) {
            job.state = Job.State.QUEUED;
            counters.retried++;
            pending.addFirst(job);
        } else {
            finish(job, null, new OffloadException(FailureKind.WORKER_CRASHED, NAME + ": " + slot.workerId()
                    + " died while running the task" + (settings.retry() ? " (retried once already)" : "")
                    + ": " + cause, cause));
        }
    }

    private void onTimeout(Job job) {
        synchronized (lock) {
            MemberSlot slot = job.slot;
            if (job.state != Job.State.RUNNING || slot == null || slot.running != job) {
                return;
            }
            finish(job, null, OffloadException.timedOut(NAME + ": task ran past its timeout of "
                    + TimeUnit.NANOSECONDS.toMillis(job.task.timeoutNanos()) + " ms on " + slot.workerId()));
            stopRunning(job, slot);
            dispatchLocked();
        }
    }

    private void onCancelled(Job job) {
        synchronized (lock) {
            if (job.state == Job.State.DONE) {
                return;
            }
            counters.cancelled++;
            Job.State was = job.state;
            settle(job);
            if (was == Job.State.QUEUED) {
                pending.remove(job);
            } else if (job.slot != null && job.slot.running == job) {
                stopRunning(job, job.slot);
            }
            dispatchLocked();
        }
    }

    /** Interrupts a task that no longer has a caller; the member takes no task until it has returned. */
    private void stopRunning(Job job, MemberSlot slot) {
        slot.running = null;
        recovery.drain(slot, job.call, settings.abandonGraceMillis());
    }

    private void finish(Job job, TaskResult result, OffloadException failure) {
        if (job.state == Job.State.DONE) {
            return;
        }
        settle(job);
        boolean won = result != null ? job.future.complete(result) : job.future.completeExceptionally(failure);
        if (!won) {
            return; // the caller cancelled first; onCancelled counts it
        }
        if (result != null) {
            counters.completed++;
        } else if (failure.kind() == FailureKind.TIMED_OUT) {
            counters.timedOut++;
        } else {
            counters.failed++;
        }
    }

    private void settle(Job job) {
        job.state = Job.State.DONE;
        admitted--;
        lock.notifyAll();
    }

    private void failAllPendingLocked(OffloadException failure) {
        for (Job job : new ArrayList<>(pending)) {
            finish(job, null, failure);
        }
        pending.clear();
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
            int queued = (int) pending.stream().filter(j -> j.state == Job.State.QUEUED).count();
            return new OffloaderStats(workers, queued, running, counters.completed, counters.failed,
                    counters.timedOut, counters.rejected, counters.cancelled, recovery.respawned(), 0);
        }
    }

    @Override
    public List<Long> workerPids() {
        synchronized (lock) {
            return slots.stream().filter(s -> s.process != null && s.alive).map(s -> s.process.pid()).toList();
        }
    }

    @Override
    public boolean close(Duration timeout) {
        boolean drained;
        synchronized (lock) {
            if (closeResult != null) {
                return closeResult;
            }
            closed = true;
            long deadline = System.nanoTime() + Math.min(timeout.toNanos(), TimeUnit.DAYS.toNanos(365));
            try {
                while (admitted > 0 && deadline - System.nanoTime() > 0) {
                    TimeUnit.NANOSECONDS.timedWait(lock, deadline - System.nanoTime());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drained = admitted == 0;
            OffloadException cut = OffloadException.closed(NAME + " was closed before the task finished");
            failAllPendingLocked(cut);
            for (MemberSlot slot : slots) {
                if (slot.running != null) {
                    Job job = slot.running;
                    finish(job, null, cut);
                    slot.running = null;
                }
            }
            closeResult = drained;
        }
        client.shutdown();
        recovery.close(slots);
        return drained;
    }

    /** Counters behind {@link #stats()}; guarded by the offloader's lock. */
    private static final class Counters {
        long completed;
        long failed;
        long timedOut;
        long rejected;
        long cancelled;
        long retried;
    }

    static HazelcastInstance newClient(String clusterName, List<String> addresses, long connectTimeoutMillis) {
        return HazelcastClient.newHazelcastClient(HazelcastConfigs.client(clusterName, addresses, connectTimeoutMillis));
    }

    static boolean isCancellation(Throwable t) {
        return t instanceof CancellationException;
    }
}
