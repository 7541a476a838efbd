package org.offloadbench.bench.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarningSummaryTest {

    @Test
    void countsPerKindAndNamesTheWorstTwoOfEach() {
        WarningSummary summary = new WarningSummary();
        for (int i = 1; i <= 30; i++) {
            summary.add(new Warning("still warming up while measured", "overhead m" + i, "paragraph " + i,
                    i == 7 ? 90 : i, (i == 7 ? 90 : i) + " %"));
        }
        summary.add(new Warning("pre-warm hit its cap unsettled", "copy x", "p", Double.NaN, ""));
        List<String> lines = summary.lines();
        assertEquals(List.of(
                "  31 warnings: 30 still warming up while measured, 1 pre-warm hit its cap unsettled",
                "    still warming up while measured, worst: overhead m7 (90 %); overhead m30 (30 %) (+28 more)",
                "    pre-warm hit its cap unsettled: copy x",
                "    every warning in full: run.json and the report (Environment and method, Suites)"), lines);
    }

    @Test
    void nothingToSayWithoutWarningsAndLongNotesAreCut() {
        WarningSummary summary = new WarningSummary();
        assertEquals(List.of(), summary.lines());
        summary.add(Warning.note("x".repeat(500)));
        String line = summary.lines().get(1);
        assertTrue(line.length() < 200, line);
        assertTrue(line.endsWith("…"), line);
        summary.clear();
        assertEquals(0, summary.count());
        assertEquals(List.of(), summary.lines());
    }

    @Test
    void severityOrdersOnlyWithinAKindAndUnrankedKeepTheirOrder() {
        List<Warning> sorted = WarningSummary.worstFirst(List.of(Warning.note("a"),
                new Warning("k", "s1", "m", 3, ""), Warning.note("b"), new Warning("k", "s2", "m", 5, "")));
        assertEquals(List.of("s2", "s1", "", ""), sorted.stream().map(Warning::subject).toList());
        assertEquals(List.of("m", "m", "a", "b"), sorted.stream().map(Warning::message).toList());
    }
}
