package org.offloadbench.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.shm.slot.Slot;
import org.offloadbench.shm.slot.WaitStrategy;
import org.offloadbench.shm.worker.ChildWorker;
import org.offloadbench.shm.worker.ShmWorker;
import org.offloadbench.shm.worker.ThreadWorker;

/**
 * One worker and the slot it serves, driven by one parent thread at a time (its driver, or the caller
 * holding its zero-copy lease). {@link #execute} is the whole round trip: write, publish, wait, read, free,
 * and on any stop (timeout, cancel, close, crash) the recovery that leaves the slot FREE and a live worker
 * behind it.
 */
final class Channel {

    /** How long an interrupted worker thread gets to give its slot back before it is abandoned. */
    static final Duration THREAD_STOP_GRACE = Duration.ofMillis(250);
    /** How long a killed child gets to be reaped. */
    static final Duration CHILD_STOP_WAIT = Duration.ofSeconds(30);

    final int index;
    private final ChannelHost owner;
    private final WaitStrategy wait;
    private volatile ShmWorker worker;
    private volatile Slot slot;
    private volatile Call current;
    /** The slot is still held by an abandoned thread and no spare was free: take one before the next task. */
    private volatile boolean needsSpareSlot;

    private final DriverInbox inbox;

    Channel(int index, ChannelHost owner, Slot slot, WaitStrategy wait, DriverInbox inbox) {
        this.index = index;
        this.inbox = inbox;
        this.owner = owner;
        this.slot = slot;
        this.wait = wait;
    }

    Slot slot() {
        return slot;
    }

    /** Who owns this channel now (its driver, idle or busy, or a submitter that reserved it). */
    DriverInbox inbox() {
        return inbox;
    }

    /**
     * Whether a submitter that {@link DriverInbox#tryReserve reserved} this channel may write the request
     * area itself: a live worker waits on a FREE slot, and the slot cannot change before the driver runs
     * the call (it changes only in recovery, or here in {@link #ensureWorker} when a spare is needed). Only
     * meaningful while the channel is reserved: then no other thread touches these fields.
     */
    boolean acceptsCallerWrite() {
        return !needsSpareSlot && hasLiveWorker() && slot.state() == Slot.FREE && !owner.isStopping();
    }

    ShmWorker worker() {
        return worker;
    }

    Call current() {
        return current;
    }

    boolean hasLiveWorker() {
        ShmWorker w = worker;
        return w != null && w.isAlive();
    }

    /** The outcome of a finished round trip; {@code output} is a read-only view of the response area. */
    record Response(ByteBuffer output, long checksum, long runNanos, String workerId) {
    }

    /** Starts the worker if there is none or it died while idle. */
    void ensureWorker() {
        ShmWorker w = worker;
        if (w != null && w.isAlive()) {
            return;
        }
        if (w != null) {
            // died while idle (killed from outside): its slot holds no task of ours, but may hold a claim
            w.close(Duration.ZERO);
            slot.setStateRelease(Slot.FREE);
            owner.respawned();
        }
        worker = null;
        if (owner.isStopping()) {
            throw OffloadException.closed(owner.name() + " is closing; no worker is started any more");
        }
        if (needsSpareSlot) {
            Slot spare = owner.takeSpareSlot();
            if (spare == null) {
                throw OffloadException.workerCrashed(owner.name() + ": every spare slot is still held by a worker "
                        + "thread that ignored interruption; this worker comes back when one of them ends");
            }
            slot = spare;
            needsSpareSlot = false;
        }
        try {
            // a child killed (or failing) while it starts is started again with backoff; only repeated
            // failures make this channel's start fail
            Slot target = slot;
            worker = owner.startRetry().start(attempt -> {
                if (owner.isStopping()) {
                    throw OffloadException.closed(owner.name() + " is closing; no worker is started any more");
                }
                return owner.startWorker(this, target);
            }, (attempt, failure) -> System.err.println(owner.name() + ": worker for slot " + target.index()
                    + " did not start (attempt " + attempt + "), starting it again: " + failure.getMessage()));
        } catch (IOException | RuntimeException e) {
            if (owner.isStopping() && e instanceof OffloadException closed) {
                throw closed;
            }
            throw new OffloadException(FailureKind.WORKER_CRASHED, owner.name() + ": cannot start a worker for slot "
                    + slot.index() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code call} here and waits in the calling thread.
     *
     * @throws OffloadException for every failure, with its kind
     */
    Response execute(Call call) {
        for (int attempt = 1; ; attempt++) {
            try {
                ensureWorker();
            } catch (OffloadException e) {
                if (e.kind() != FailureKind.WORKER_CRASHED) {
                    throw e;
                }
                if (owner.mayRetry(attempt)) {
                    owner.retried();
                    continue;
                }
                throw new OffloadException(FailureKind.WORKER_CRASHED, e.getMessage() + "; the task was retried once "
                        + "on a fresh worker and failed again", e);
            }
            ShmWorker w = worker;
            Slot s = slot;
            int sequence = s.prepareRequest(call.workloadIdUtf8, call.inputBytes);
            // the input is copied in from the heap, or it already lies in the slot (written by the caller: the
            // fast path or a lease); a retry re-runs from there, since no worker writes the request area
            byte[] heapInput = call.input != null ? call.input : call.savedInput;
            if (heapInput != null) {
                s.requestArea().put(heapInput, 0, call.inputBytes);
            }
            current = call;
            if (owner.isStopping()) {
                // close sets stopping before it stops the current calls: one of the two sees the other
                call.abort(FailureKind.CLOSED);
            }
            owner.callStarted(call);
            boolean answered;
            try {
                if (call.aborted()) {
                    answered = false; // cancelled or closed between take and publish: never publish
                } else {
                    s.publishRequest();
                    w.toWorker().ring();
                    answered = wait.await(s, Slot.RESPONSE_WRITTEN, w.fromWorker(), call::aborted);
                }
            } catch (IOException e) {
                // the doorbell pipe ended: the child is gone
                call.abort(FailureKind.WORKER_CRASHED);
                answered = false;
            } finally {
                owner.callFinished(call);
            }
            if (answered && s.responseSequence() == sequence) {
                current = null;
                Response response = read(s, call, w);
                s.setStateRelease(Slot.FREE);
                return response;
            }
            if (answered) {
                call.abort(FailureKind.WORKER_CRASHED);
            }
            FailureKind reason = call.abortReason();
            String note = recover(w, s, call);
            current = null;
            if (reason == FailureKind.WORKER_CRASHED && owner.mayRetry(attempt)) {
                owner.retried();
                call.resetForRetry();
                continue;
            }
            throw failure(reason, call, w, note, attempt);
        }
    }

    private Response read(Slot s, Call call, ShmWorker w) {
        int status = s.status();
        int length = s.responseBytes();
        if (length < 0) {
            throw new OffloadException(FailureKind.WORKER_CRASHED, owner.name() + ": worker " + w.id()
                    + " wrote a response length outside its slot");
        }
        ByteBuffer view = s.responseView();
        if (status == Slot.STATUS_OK) {
            return new Response(view, s.checksum(), s.runNanos(), w.id());
        }
        byte[] text = new byte[view.remaining()];
        view.get(text);
        String message = new String(text, StandardCharsets.UTF_8);
        if (status == Slot.STATUS_BAD_REQUEST) {
            throw OffloadException.badRequest(message);
        }
        throw OffloadException.workloadFailed(call.workloadId + " failed in worker " + w.id() + ": " + message, null);
    }

    /** Leaves the slot FREE with a live (or about to be started) worker behind it; returns a note for messages. */
    private String recover(ShmWorker w, Slot s, Call call) {
        // never published, or not claimed yet (then taken back): nothing ran, the worker stays - unless the call
        // was stopped because the worker is gone. The end of a child's doorbell pipe comes as soon as the kernel
        // closes a killed child's files, while isAlive() stays true until the JDK's reaper thread has collected
        // it; trusting isAlive() there reused the dead child for the retry and for every task after it, until
        // the reaper ran (ChildKillTest: seven tasks failed on one kill)
        boolean gone = w instanceof ChildWorker && call.abortReason() == FailureKind.WORKER_CRASHED;
        if ((s.state() == Slot.FREE || s.compareAndSetState(Slot.REQUEST_WRITTEN, Slot.FREE)) && w.isAlive() && !gone) {
            return "it had not started";
        }
        if (w instanceof ThreadWorker tw) {
            return recoverThread(tw, s, call);
        }
        return recoverChild((ChildWorker) w, s, call);
    }

    private String recoverThread(ThreadWorker w, Slot s, Call call) {
        w.stopTask();
        if (w.awaitStopped(THREAD_STOP_GRACE)) {
            s.setStateRelease(Slot.FREE);
            return "its worker thread was interrupted and stopped";
        }
        // it ignores interrupts: leave it its slot (it may still write there) and carry on with a spare one.
        // An input written by the caller (fast path, lease) lies only in the old slot, which goes back to the
        // spares once the thread ends: carry it over now, before the watcher can hand that slot to anyone
        Slot spare = owner.takeSpareSlot();
        ByteBuffer from = s.requestArea().limit(Math.max(0, s.requestBytes()));
        if (spare != null) {
            spare.requestArea().put(from);
        } else if (call.input == null) {
            byte[] saved = new byte[from.remaining()];
            from.get(saved);
            call.savedInput = saved; // the retry copies it into whichever spare the replacement gets
        }
        owner.abandon(w);
        worker = null;
        if (spare == null) {
            needsSpareSlot = true;
            return "its worker thread ignores interruption and was abandoned; no spare slot is free for a "
                    + "replacement yet";
        }
        slot = spare;
        return "its worker thread ignores interruption and was abandoned; a new thread serves a spare slot";
    }

    private String recoverChild(ChildWorker w, Slot s, Call call) {
        boolean crashed = !w.isAlive() || call.abortReason() == FailureKind.WORKER_CRASHED;
        w.stopTask();
        if (!w.awaitStopped(CHILD_STOP_WAIT)) {
            throw new IllegalStateException("child " + w.id() + " is still alive " + CHILD_STOP_WAIT.toSeconds()
                    + " s after SIGKILL");
        }
        String note = crashed ? w.deathNote() : "its child JVM " + w.id() + " was killed";
        w.close(Duration.ZERO);
        // the process is gone, so nobody can write the slot any more: reclaiming it is safe
        s.setStateRelease(Slot.FREE);
        worker = null;
        owner.respawned();
        if (!owner.isStopping()) {
            try {
                ensureWorker();
            } catch (OffloadException e) {
                return note + "; the replacement did not start (" + e.getMessage() + "), retrying at the next task";
            }
        }
        return note;
    }

    private OffloadException failure(FailureKind reason, Call call, ShmWorker w, String note, int attempts) {
        String what = call.workloadId + " on " + owner.name() + " (worker " + w.id() + ")";
        return switch (reason) {
            case TIMED_OUT -> OffloadException.timedOut(what + " ran past its timeout of "
                    + TimeUnit.NANOSECONDS.toMillis(call.timeoutNanos) + " ms counted from the start of execution; "
                    + note);
            case CANCELLED -> OffloadException.cancelled(what + " was cancelled; " + note);
            case CLOSED -> OffloadException.closed(what + " was cut short by close; " + note);
            case WORKER_CRASHED -> OffloadException.workerCrashed(what + ": the worker died while running it ("
                    + note + ")" + (attempts > 1 ? "; the task was retried once on a fresh worker and that died too" : ""));
            default -> new OffloadException(reason, what + ": " + note);
        };
    }

    /** Stops the running call, if it is {@code call} (or any call when null), with {@code reason}. */
    void abort(Call call, FailureKind reason) {
        Call c = current;
        if (c == null || (call != null && c != call)) {
            if (call != null) {
                call.abort(reason); // not started yet: the driver sees it before publishing
            }
            return;
        }
        if (c.abort(reason)) {
            wake();
        }
    }

    /** A dying child stops the call it was running. */
    void workerDied(ShmWorker w) {
        Call c = current;
        if (c != null && worker == w) {
            c.abort(FailureKind.WORKER_CRASHED);
            // a PARK waiter learns from end-of-file; spin and backoff waiters from the flag
        }
    }

    private void wake() {
        ShmWorker w = worker;
        if (w instanceof ThreadWorker tw) {
            tw.wakeParent();
        } else if (w != null && wait == WaitStrategy.PARK) {
            // the parent is blocked reading the child's doorbell: only the child's end can unblock it
            w.stopTask();
        }
    }

    void closeWorker(Duration grace) {
        ShmWorker w = worker;
        worker = null;
        if (w != null) {
            w.close(grace);
        }
    }
}
