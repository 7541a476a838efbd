package org.offloadbench.core.offload.support;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Decides whether a caller blocked on a {@link SpinningFuture} may spin before it parks, and for how long.
 *
 * <p>A parked caller is woken by the reader thread that completes its future: a second wake-up per round
 * trip that a C ping-pong over pipes does not pay (on a VM a cross-core wake-up costs 15-25 us, as much as
 * the pipe hop itself). Spinning saves it, but only while a core is free: a spinner on a busy machine takes
 * the core a child or the reader needs. So the adaptive gate ({@code awaitSpinMicros=auto}, the default)
 * lets a caller spin only while the running tasks plus the callers already spinning leave a core
 * unused - one synchronous caller on an idle pool spins, a saturated pool parks at once. It also learns, like
 * HotSpot's adaptive spinning on a contended monitor: after {@link #MISSES_BEFORE_REST} spins in a row that
 * ended without a result (replies slower than the spin, or other processes owning the cores, which the pool
 * cannot count), callers park at once for the next {@link #REST_WAITS} waits, then try again. A fixed gate ({@code awaitSpinMicros=N}) always spins
 * N us; {@code 0} never spins.
 */
public final class SpinGate {

    /** The adaptive gate's longest spin: a noop round trip is 25-45 us here, a few times that is wasted. */
    public static final long AUTO_SPIN_NANOS = 50_000;
    static final int MISSES_BEFORE_REST = 3;
    static final int REST_WAITS = 100;

    private final long maxSpinNanos;
    private final boolean onlyWhileCoreFree;
    private final int cores;
    private final IntSupplier running;
    private final AtomicInteger spinners = new AtomicInteger();
    /** Adaptive only; updated racily on purpose: a lost update just shifts the next rest by a wait or two. */
    private final AtomicInteger missesInARow = new AtomicInteger();
    private final AtomicInteger restingWaits = new AtomicInteger();

    private SpinGate(long maxSpinNanos, boolean onlyWhileCoreFree, int cores, IntSupplier running) {
        this.maxSpinNanos = maxSpinNanos;
        this.onlyWhileCoreFree = onlyWhileCoreFree;
        this.cores = cores;
        this.running = running;
    }

    /** Always spins {@code nanos} (0: never). */
    public static SpinGate fixed(long nanos) {
        return new SpinGate(nanos, false, Integer.MAX_VALUE, () -> 0);
    }

    /**
     * Spins up to {@code nanos} while {@code running} tasks plus spinners stay below {@code cores}.
     *
     * @param running tasks the pool's children are running now, including the caller's own
     */
    public static SpinGate adaptive(long nanos, int cores, IntSupplier running) {
        return new SpinGate(nanos, true, cores, running);
    }

    /**
     * Asks to spin. A non-zero answer is the longest the caller may spin, and the caller must call
     * {@link #leave} when it stops; zero means park at once (and no {@link #leave}).
     */
    public long enter() {
        if (maxSpinNanos <= 0) {
            return 0;
        }
        if (!onlyWhileCoreFree) {
            spinners.incrementAndGet();
            return maxSpinNanos;
        }
        if (restingWaits.get() > 0 && restingWaits.getAndDecrement() > 0) {
            return 0;
        }
        while (true) {
            int now = spinners.get();
            if (now + running.getAsInt() >= cores) {
                return 0;
            }
            if (spinners.compareAndSet(now, now + 1)) {
                return maxSpinNanos;
            }
        }
    }

    /** @param sawResult whether the spin ended because the result was there (not by running out of time) */
    public void leave(boolean sawResult) {
        spinners.decrementAndGet();
        if (!onlyWhileCoreFree) {
            return;
        }
        if (sawResult) {
            missesInARow.set(0);
        } else if (missesInARow.incrementAndGet() >= MISSES_BEFORE_REST) {
            missesInARow.set(0);
            restingWaits.set(REST_WAITS);
        }
    }

    /** Callers spinning right now (for tests). */
    public int spinners() {
        return spinners.get();
    }
}
