package org.offloadbench.hazelcast;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.transport.RecoveryPolicy;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmStartException;

/**
 * What happens when a member dies or hangs: its task is failed over ({@link HazelcastOffloader#retryOrFail}),
 * the process is killed if it is not gone yet, and a replacement starts on the same port after a backoff
 * (100 ms doubling to 5 s); a slot whose member fails to start {@value #MAX_FAILED_STARTS} times in a row is
 * given up ({@link #policy}). Also stops a cancelled or timed-out task on its member ({@link StopCall}) and
 * replaces a member whose task ignores the interrupt. Members started elsewhere are never killed or respawned.
 */
final class MemberRecovery {
    static final int MAX_FAILED_STARTS = 5;
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** How much longer than its grace a stop may take to be answered before the member is replaced anyway. */
    private static final long STOP_ANSWER_MARGIN_MILLIS = 2_000;
    /** The respawn rules above as core's policy; the offloader's copy carries the {@code retry} option. */
    private static final RecoveryPolicy RESPAWN = policy(true);

    /** cluster/hazelcast's recovery policy: retry once unless {@code retry=false}, respawn with backoff, give up. */
    static RecoveryPolicy policy(boolean retryOnce) {
        return new RecoveryPolicy(retryOnce, MAX_FAILED_STARTS, TimeUnit.MILLISECONDS.toNanos(FIRST_BACKOFF_MILLIS),
                TimeUnit.MILLISECONDS.toNanos(MAX_BACKOFF_MILLIS), false, RecoveryPolicy.BACKSTOP_MIN_GRACE_NANOS);
    }

    private final LocalMembers members; // null when the members run elsewhere
    private final HazelcastInstance client;
    private final IExecutorService control;
    private final Duration startTimeout;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            daemon(HazelcastOffloader.NAME + "-timer"));
    private final ExecutorService spawner = Executors.newCachedThreadPool(daemon(HazelcastOffloader.NAME + "-spawner"));
    private HazelcastOffloader offloader;
    private Object lock;
    private long respawned; // guarded by lock
    private boolean closed; // guarded by lock

    MemberRecovery(LocalMembers members, HazelcastInstance client, Duration startTimeout) {
        this.members = members;
        this.client = client;
        this.control = client.getExecutorService(HazelcastConfigs.CONTROL_EXECUTOR);
        this.startTimeout = startTimeout;
    }

    void attach(HazelcastOffloader owner, Object ownerLock) {
        this.offloader = owner;
        this.lock = ownerLock;
    }

    /** Called once per slot after the first start, and after each respawn. */
    void watch(MemberSlot slot, ChildJvm process) {
        process.onExit().thenRun(() -> {
            synchronized (lock) {
                if (slot.process == process) {
                    memberLost(slot, "its JVM exited (code " + process.exitCode() + ")");
                    offloader.dispatchLocked();
                }
            }
        });
    }

    long respawned() {
        return respawned;
    }

    boolean givenUp(List<MemberSlot> slots) {
        return slots.stream().allMatch(s -> !s.alive && RESPAWN.givesUp(s.failedStarts));
    }

    /** The member of {@code slot} is gone or unusable. Caller holds the lock and dispatches afterwards. */
    void memberLost(MemberSlot slot, String why) {
        if (!slot.alive) {
            return;
        }
        slot.alive = false;
        slot.draining = false;
        if (slot.running != null) {
            offloader.retryOrFail(slot.running, slot, OffloadException.workerCrashed(slot.workerId() + " " + why));
        }
        if (slot.process != null) {
            slot.process.destroyForcibly();
            if (!closed) {
                scheduleRespawn(slot);
            }
        }
    }

    /**
     * Stops the task {@code taskId} on the member of {@code slot} ({@link StopCall}) and keeps the slot out of
     * dispatch until the member says its executor is free of it; a member whose task ignores the interrupt for
     * {@code graceMillis} (or that does not answer the stop) is replaced. Caller holds the lock and dispatches.
     */
    void drain(MemberSlot slot, long taskId, long graceMillis) {
        slot.draining = true;
        ChildJvm process = slot.process;
        CompletionStage<Boolean> stop;
        try {
            @SuppressWarnings("unchecked")
            CompletionStage<Boolean> sent = (CompletionStage<Boolean>) control.submitToMember(
                    new StopCall(taskId, graceMillis), slot.member);
            stop = sent;
        } catch (RuntimeException e) {
            memberLost(slot, "could not be asked to stop its task: " + e);
            return;
        }
        stop.whenComplete((stopped, error) -> {
            synchronized (lock) {
                if (slot.process != process || !slot.draining) {
                    return; // replaced meanwhile, or the backstop below decided
                }
                if (error == null && Boolean.TRUE.equals(stopped)) {
                    slot.draining = false;
                } else {
                    memberLost(slot, error != null ? "could not stop its task: " + error
                            : "kept running a cancelled or timed-out task for " + graceMillis
                            + " ms after its interrupt (abandonGraceMillis); killed and replaced");
                }
                offloader.dispatchLocked();
            }
        });
        timer.schedule(() -> {
            synchronized (lock) {
                if (slot.process == process && slot.draining) {
                    memberLost(slot, "did not answer the stop of a cancelled or timed-out task within "
                            + (graceMillis + STOP_ANSWER_MARGIN_MILLIS) + " ms; killed and replaced");
                    offloader.dispatchLocked();
                }
            }
        }, graceMillis + STOP_ANSWER_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void scheduleRespawn(MemberSlot slot) {
        timer.schedule(() -> spawner.execute(() -> respawn(slot)), RESPAWN.respawnDelayNanos(slot.failedStarts),
                TimeUnit.NANOSECONDS);
    }

    private void respawn(MemberSlot slot) {
        LocalMembers.Started started;
        Member member;
        try {
            started = members.start(slot.port);
            member = HazelcastCluster.awaitMember(client, started.uuid(), startTimeout);
        } catch (ChildJvmStartException | RuntimeException e) {
            synchronized (lock) {
                slot.failedStarts++;
                System.err.println(HazelcastOffloader.NAME + ": member " + slot.index + " failed to start ("
                        + slot.failedStarts + " in a row): " + e.getMessage());
                if (!closed && !RESPAWN.givesUp(slot.failedStarts)) {
                    scheduleRespawn(slot);
                }
                offloader.dispatchLocked();
            }
            return;
        }
        synchronized (lock) {
            if (closed) {
                started.process().destroyForcibly();
                return;
            }
            slot.process = started.process();
            slot.member = member;
            slot.alive = true;
            slot.failedStarts = 0;
            respawned++;
            watch(slot, started.process());
            offloader.dispatchLocked();
        }
    }

    /** Stops the timer and any start in progress, then ends every member started here. */
    void close(List<MemberSlot> slots) {
        synchronized (lock) {
            closed = true;
        }
        timer.shutdownNow();
        spawner.shutdownNow();
        try {
            if (!spawner.awaitTermination(startTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                System.err.println(HazelcastOffloader.NAME + ": a member start did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (MemberSlot slot : slots) {
            ChildJvm process;
            synchronized (lock) {
                process = slot.process;
                slot.alive = false;
            }
            if (process != null) {
                process.close(Duration.ofSeconds(2));
            }
        }
    }

    /** Whether {@code error} (or what it wraps) says the member went away under the call. */
    static boolean isMemberLoss(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof MemberLeftException || t instanceof TargetDisconnectedException
                || t instanceof TargetNotMemberException || t instanceof HazelcastInstanceNotActiveException
                || t instanceof HazelcastClientNotActiveException;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
