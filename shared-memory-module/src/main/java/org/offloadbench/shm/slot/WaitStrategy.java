package org.offloadbench.shm.slot;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.offloadbench.core.offload.WaitDiscipline;

/**
 * How a side waits for the other to move a slot's state. Reported beside every shared-memory figure,
 * because it decides the figure: on two cores a spinning waiter owns a whole core.
 *
 * <ul>
 *   <li>{@link #SPIN}: busy-waits on the state word ({@link Thread#onSpinWait()}); the lowest latency and a
 *       core burnt per waiter, idle or not. Like the C {@code shm-spin} floor it yields once every
 *       {@link #SPINS_PER_YIELD} spins, so an oversubscribed machine still makes progress instead of each
 *       spinner burning a whole time slice while the other side waits for a core.</li>
 *   <li>{@link #BACKOFF}: spins briefly ({@link #SPINS_BEFORE_YIELD}), then yields, then parks for growing periods (up to
 *       {@link #MAX_BACKOFF_NANOS}); near-spin latency under load, little CPU when idle, up to a backoff
 *       period of extra latency after a quiet spell.</li>
 *   <li>{@link #PARK}: blocks until the other side rings a {@link Doorbell} (a pipe byte between processes,
 *       {@code LockSupport.unpark} between threads): the futex-like hand-off, no CPU while waiting.</li>
 * </ul>
 */
public enum WaitStrategy {
    SPIN, BACKOFF, PARK;

    static final int SPINS_PER_YIELD = 100_000;
    /**
     * About 20-100 us of PAUSE instructions (a PAUSE costs 10-140 cycles depending on the CPU): long enough
     * to catch a reply that crosses cores (a few us), short enough that on an oversubscribed machine a
     * waiter soon gives its core to the side it is waiting for.
     */
    static final int SPINS_BEFORE_YIELD = 2_000;
    static final int YIELDS_BEFORE_PARK = 50;
    static final long MAX_BACKOFF_NANOS = 500_000L;

    /** How a figure measured with this strategy waits, which picks its like-for-like calibration floor. */
    public WaitDiscipline discipline() {
        return switch (this) {
            case SPIN -> WaitDiscipline.SPIN;
            case BACKOFF -> WaitDiscipline.ADAPTIVE;
            case PARK -> WaitDiscipline.PARK;
        };
    }

    /** The option value, e.g. {@code backoff}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the valid strategies */
    public static WaitStrategy parse(String value) {
        for (WaitStrategy s : values()) {
            if (s.id().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown wait strategy '" + value + "'; valid: "
                + String.join(", ", Arrays.stream(values()).map(WaitStrategy::id).toList()));
    }

    /**
     * Waits until {@code slot} is in state {@code wanted} or {@code aborted} says stop.
     *
     * @param bell the doorbell the other side rings after its release store (used by {@link #PARK} only)
     * @return true when the state was reached, false when aborted
     * @throws IOException when the doorbell's peer is gone (a dead child closes its end of the pipe)
     */
    public boolean await(Slot slot, int wanted, Doorbell bell, BooleanSupplier aborted) throws IOException {
        return switch (this) {
            case SPIN -> spin(slot, wanted, aborted);
            case BACKOFF -> backoff(slot, wanted, aborted);
            case PARK -> park(slot, wanted, bell, aborted);
        };
    }

    private static boolean spin(Slot slot, int wanted, BooleanSupplier aborted) {
        for (int i = 1; ; i++) {
            if (slot.state() == wanted) {
                return true;
            }
            // the abort check is a volatile read: cheap, but not on every iteration of the hot loop
            if ((i & 0xFF) == 0 && aborted.getAsBoolean()) {
                return false;
            }
            if (i % SPINS_PER_YIELD == 0) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static boolean backoff(Slot slot, int wanted, BooleanSupplier aborted) {
        long parkNanos = 1_000L;
        for (int i = 1; ; i++) {
            if (slot.state() == wanted) {
                return true;
            }
            if (i < SPINS_BEFORE_YIELD) {
                if ((i & 0xFF) == 0 && aborted.getAsBoolean()) {
                    return false;
                }
                Thread.onSpinWait();
            } else {
                if (aborted.getAsBoolean()) {
                    return false;
                }
                if (i < SPINS_BEFORE_YIELD + YIELDS_BEFORE_PARK) {
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(parkNanos);
                    parkNanos = Math.min(parkNanos * 2, MAX_BACKOFF_NANOS);
                }
            }
        }
    }

    private static boolean park(Slot slot, int wanted, Doorbell bell, BooleanSupplier aborted) throws IOException {
        while (true) {
            if (aborted.getAsBoolean()) {
                return false;
            }
            if (!bell.await(() -> slot.state() == wanted || aborted.getAsBoolean())) {
                return false;
            }
            if (slot.state() == wanted) {
                return true;
            }
        }
    }
}
