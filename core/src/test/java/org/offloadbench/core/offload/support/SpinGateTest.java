package org.offloadbench.core.offload.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpinGateTest {

    @Test
    void adaptiveSpinsOnlyWhileACoreIsFree() {
        AtomicInteger running = new AtomicInteger(1);
        SpinGate gate = SpinGate.adaptive(50_000, 2, running::get);
        assertEquals(50_000, gate.enter(), "one task on two cores: the caller may spin");
        assertEquals(0, gate.enter(), "one task and one spinner fill two cores: the next caller parks");
        gate.leave(true);
        running.set(2);
        assertEquals(0, gate.enter(), "both cores run tasks: park at once");
        running.set(0);
        assertEquals(50_000, gate.enter());
        assertEquals(50_000, gate.enter());
        assertEquals(0, gate.enter(), "two spinners own two cores");
        gate.leave(true);
        gate.leave(true);
        assertEquals(0, gate.spinners());
    }

    @Test
    void adaptiveRestsAfterSpinsThatFoundNothingAndThenTriesAgain() {
        SpinGate gate = SpinGate.adaptive(50_000, 4, () -> 1);
        for (int i = 0; i < SpinGate.MISSES_BEFORE_REST; i++) {
            assertEquals(50_000, gate.enter());
            gate.leave(false);
        }
        for (int i = 0; i < SpinGate.REST_WAITS; i++) {
            assertEquals(0, gate.enter(), "resting: wait " + i + " parks at once");
        }
        assertEquals(50_000, gate.enter(), "after the rest it tries again");
        gate.leave(true);
        assertEquals(0, gate.spinners());
    }

    @Test
    void aHitResetsTheMissCount() {
        SpinGate gate = SpinGate.adaptive(50_000, 4, () -> 1);
        for (int i = 0; i < 10; i++) {
            assertEquals(50_000, gate.enter());
            gate.leave(i % SpinGate.MISSES_BEFORE_REST != 0);
            assertEquals(50_000, gate.enter(), "fewer than " + SpinGate.MISSES_BEFORE_REST + " misses in a row: no rest");
            gate.leave(true);
        }
    }

    @Test
    void fixedAlwaysSpinsItsTimeAndZeroNever() {
        SpinGate fixed = SpinGate.fixed(20_000);
        for (int i = 0; i < 5; i++) {
            assertEquals(20_000, fixed.enter());
        }
        assertEquals(5, fixed.spinners());
        assertEquals(0, SpinGate.fixed(0).enter());
        assertEquals(0, SpinGate.adaptive(0, 8, () -> 0).enter());
    }

    @Test
    void aSpinningGetStillReturnsTheResultAndLeavesTheGate() throws Exception {
        SpinGate gate = SpinGate.adaptive(50_000_000, 2, () -> 1);
        SpinningFuture future = new SpinningFuture(gate);
        Thread completer = new Thread(() -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            future.complete(null);
        });
        completer.start();
        future.get();
        completer.join();
        assertEquals(0, gate.spinners(), "a caller leaves the gate when its spin ends");
    }
}
