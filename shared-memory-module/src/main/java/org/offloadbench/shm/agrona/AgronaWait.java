package org.offloadbench.shm.agrona;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.offloadbench.core.offload.WaitDiscipline;

/**
 * The {@code wait=} option of {@code shm/agrona}: which of Agrona's idle strategies both sides use while
 * a ring is empty (the child polling its request ring, the parent's driver polling the response ring and
 * the task queue). Each user gets its own instance: an idle strategy keeps per-thread state.
 */
public enum AgronaWait {
    /** {@link BusySpinIdleStrategy}: a pause instruction per empty poll; every waiter owns a core. */
    BUSY_SPIN("busy-spin", WaitDiscipline.SPIN, 200_000L),
    /**
     * {@link BackoffIdleStrategy} with Agrona's defaults: 10 spins, 5 yields, then parks doubling from 1 us
     * to 1 ms, so an idle side costs little and a busy one rarely sleeps.
     */
    BACKOFF("backoff", WaitDiscipline.ADAPTIVE, 20_000L),
    /**
     * {@link SleepingIdleStrategy} with Agrona's default period (1 us asked; the kernel's timer slack makes
     * it about 50 us on Linux): no spinning at all, the cheapest in CPU and the slowest to notice work.
     */
    SLEEPING("sleeping", WaitDiscipline.PARK, 0L);

    private final String id;
    private final WaitDiscipline discipline;
    private final long callerSpinNanos;

    AgronaWait(String id, WaitDiscipline discipline, long callerSpinNanos) {
        this.id = id;
        this.discipline = discipline;
        this.callerSpinNanos = callerSpinNanos;
    }

    /**
     * How long a caller blocked in the future's {@code get()}/{@code join()} spins before it parks: 200 us for
     * busy-spin, 20 us for backoff, none for sleeping ({@link SpinningFuture}).
     */
    public long callerSpinNanos() {
        return callerSpinNanos;
    }

    public String id() {
        return id;
    }

    /** How a figure measured with this strategy is classed against the floors. */
    public WaitDiscipline discipline() {
        return discipline;
    }

    public IdleStrategy newIdleStrategy() {
        return switch (this) {
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case BACKOFF -> new BackoffIdleStrategy();
            case SLEEPING -> new SleepingIdleStrategy();
        };
    }

    /** @throws IllegalArgumentException naming the bad value and the valid ones */
    public static AgronaWait parse(String text) {
        for (AgronaWait wait : values()) {
            if (wait.id.equals(text.trim())) {
                return wait;
            }
        }
        throw new IllegalArgumentException("wait must be one of " + validIds() + ", was '" + text + "'");
    }

    public static String validIds() {
        return Arrays.stream(values()).map(AgronaWait::id).collect(Collectors.joining("|"));
    }
}
