package org.offloadbench.core.measure.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    /** A real line of a JVM (fields past cstime cut short is also legal: only 17 are needed). */
    static final String JAVA_LINE = "4242 (java) S 4000 4242 4000 0 -1 4194560 61529 0 2 0 1234 567 89 10 20 0 31 0"
            + " 1200346 7312056320 64123 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0 0 0 0";

    @Test
    void readsTheTimesAndTheParent() {
        ProcStat s = ProcStat.parse(JAVA_LINE);
        assertEquals(4242, s.pid());
        assertEquals(4000, s.ppid());
        assertEquals("java", s.comm());
        assertEquals(1234, s.utimeTicks());
        assertEquals(567, s.stimeTicks());
        assertEquals(89, s.cutimeTicks());
        assertEquals(10, s.cstimeTicks());
        assertEquals(1234 + 89, s.userTicksWithChildren());
        assertEquals(567 + 10, s.systemTicksWithChildren());
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesEndsAtTheLastParenthesis() {
        ProcStat s = ProcStat.parse("77 (my (odd) worker) R 1 77 1 0 -1 0 0 0 0 0 300 40 5 6 20 0 1 0 9");
        assertEquals("my (odd) worker", s.comm());
        assertEquals(1, s.ppid());
        assertEquals(300, s.utimeTicks());
        assertEquals(40, s.stimeTicks());
    }

    @Test
    void aLineThatIsNotAStatLineIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("hello"));
        assertTrue(e.getMessage().contains("not a /proc/<pid>/stat line"), e.getMessage());
        IllegalArgumentException shortLine = assertThrows(IllegalArgumentException.class,
                () -> ProcStat.parse("1 (init) S 0 1 1"));
        assertTrue(shortLine.getMessage().contains("17 or more expected"), shortLine.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ProcStat.parse("1 (x) S 0 1 1 0 -1 0 0 0 0 0 abc 40 5 6 20 0 1 0 9"));
    }
}
