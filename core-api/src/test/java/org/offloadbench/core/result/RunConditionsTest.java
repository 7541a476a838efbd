package org.offloadbench.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunConditionsTest {

    private static RunConditions of(Double load, Double steal, Double quota, List<RunConditions.BusyProcess> busy) {
        return new RunConditions("2026-12-01T10:00:00Z", load, load, 250L, 50.0, steal, 0.0, 0.0, null, null, null,
                quota, busy);
    }

    @Test
    void aCalmMachineHasNoWarning() {
        assertTrue(of(1.5, 0.5, null, List.of(new RunConditions.BusyProcess(9, "sshd", 2.0))).warnings(2).isEmpty());
    }

    @Test
    void loadAboveTheCoresStealAQuotaAndABusyNeighbourAreEachNamed() {
        List<String> w = of(2.5, 7.0, 1.0, List.of(new RunConditions.BusyProcess(9, "stress-ng", 95.0),
                new RunConditions.BusyProcess(10, "sshd", 2.0))).warnings(2);
        assertEquals(4, w.size(), w.toString());
        assertTrue(w.get(0).contains("load average 2.50 above the 2 cores"), w.get(0));
        assertTrue(w.get(1).contains("7.0 % of CPU time stolen"), w.get(1));
        assertTrue(w.get(2).contains("quota of 1.00 cores"), w.get(2));
        assertTrue(w.get(3).contains("stress-ng (pid 9)"), w.get(3));
    }

    @Test
    void stealAtTheThresholdIsNotYetBusy() {
        assertTrue(of(0.1, RunConditions.STEAL_WARNING_PERCENT, null, null).warnings(2).isEmpty());
    }
}
