package org.offloadbench.core.offload.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one option parser every model uses: defaults, canonical values, and refusals naming the valid ones. */
class ModelOptionsTest {
    private static final List<OptionSpec> SPECS = List.of(
            OptionSpec.choice("dispatch", "least-busy", List.of("least-busy", "round-robin"), "which worker"),
            OptionSpec.integer("startTimeoutMillis", 30_000, 100, 600_000, OptionUnit.MILLIS, "start deadline")
                    .withAlias("startTimeoutMs"),
            OptionSpec.integer("awaitSpinMicros", 0, 0, 1000, OptionUnit.MICROS, "spin").withDefault("auto")
                    .orWords("auto"),
            OptionSpec.text("heap", null, "child heap").matching("[1-9][0-9]*[kKmMgG]?", "a size like 64m"),
            OptionSpec.text("jvmOptions", "", "flags"));

    private static ModelOptions parse(Map<String, String> raw) {
        return ModelOptions.parse("m/x", SPECS, raw);
    }

    private static String refusal(Map<String, String> raw) {
        return assertThrows(IllegalArgumentException.class, () -> parse(raw)).getMessage();
    }

    @Test
    void absentOptionsTakeTheirDefaultsAndOnlyThoseWithOneAreResolved() {
        ModelOptions o = parse(Map.of());
        assertEquals("least-busy", o.text("dispatch"));
        assertEquals(30_000, o.integer("startTimeoutMillis"));
        assertEquals("auto", o.text("awaitSpinMicros"));
        assertNull(o.text("heap"), "no default: the model's own behaviour applies");
        assertFalse(o.isGiven("dispatch"));
        assertEquals(List.of("dispatch", "startTimeoutMillis", "awaitSpinMicros", "jvmOptions"),
                List.copyOf(o.resolved().keySet()), "declaration order, options without a value left out");
        assertEquals(Map.of(), o.given());
    }

    @Test
    void givenValuesAreTrimmedAndCanonicalAndOldNamesStillWork() {
        ModelOptions o = parse(Map.of("dispatch", " Round-Robin ", "startTimeoutMs", " 250 ", "awaitSpinMicros", "50",
                "heap", "256m"));
        assertEquals("round-robin", o.text("dispatch"));
        assertEquals(250, o.integer("startTimeoutMillis"));
        assertTrue(o.isGiven("startTimeoutMillis"), "the old name sets the new one");
        assertEquals(50, o.integer("awaitSpinMicros"));
        assertEquals("256m", o.resolved().get("heap"));
        assertEquals(Map.of("dispatch", "round-robin", "startTimeoutMillis", "250", "awaitSpinMicros", "50",
                "heap", "256m"), o.given());
    }

    @Test
    void refusalsNameTheModelTheOptionTheValidValuesAndTheBadOne() {
        assertEquals("unknown option 'dispach' for m/x; valid: awaitSpinMicros, dispatch, heap, jvmOptions, "
                + "startTimeoutMillis", refusal(Map.of("dispach", "x")));
        assertEquals("m/x: option dispatch must be one of [least-busy, round-robin], was 'random'",
                refusal(Map.of("dispatch", "random")));
        assertEquals("m/x: option startTimeoutMillis must be a whole number of milliseconds in 100..600000, was 'soon'",
                refusal(Map.of("startTimeoutMillis", "soon")));
        assertEquals("m/x: option startTimeoutMillis must be a whole number of milliseconds in 100..600000, was '99'",
                refusal(Map.of("startTimeoutMillis", "99")));
        assertEquals("m/x: option awaitSpinMicros must be auto or a whole number of microseconds in 0..1000, was 'lots'",
                refusal(Map.of("awaitSpinMicros", "lots")));
        assertEquals("m/x: option heap must be a size like 64m, was '2 g'", refusal(Map.of("heap", "2 g")));
        String twice = refusal(Map.of("startTimeoutMillis", "200", "startTimeoutMs", "300"));
        assertTrue(twice.contains("startTimeoutMillis") && twice.contains("twice"), twice);
        assertEquals("unknown option 'x' for m/none; valid: (none)",
                assertThrows(IllegalArgumentException.class, () -> ModelOptions.parse("m/none", List.of(),
                        Map.of("x", "1"))).getMessage());
    }

    @Test
    void aModelCannotAskForAnOptionItDidNotDeclareNorReadAWordAsANumber() {
        ModelOptions o = parse(Map.of());
        assertThrows(IllegalStateException.class, () -> o.text("nope"));
        assertThrows(IllegalStateException.class, () -> o.integer("awaitSpinMicros"), "auto is not a number");
        assertThrows(IllegalStateException.class, () -> o.integer("heap"));
    }

    @Test
    void specsKeepOneSpellingOfUnitsAndSaneDeclarations() {
        var ms = assertThrows(IllegalArgumentException.class,
                () -> OptionSpec.integer("healthIntervalMs", 200, 1, 10, OptionUnit.MILLIS, "x"));
        assertTrue(ms.getMessage().contains("must end with Millis"), ms.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.integer("aMillis", 1, 5, 4, OptionUnit.MILLIS, ""));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.choice("c", "a", List.of(), ""));
        assertThrows(IllegalStateException.class, () -> OptionSpec.text("t", "", "").orWords("auto"));
        assertThrows(IllegalStateException.class, () -> ModelOptions.parse("m", List.of(OptionSpec.text("a", "", ""),
                OptionSpec.text("a", "", "")), Map.of()));
        assertEquals("least-busy|round-robin", SPECS.get(0).values());
        assertEquals("100..600000 milliseconds", SPECS.get(1).values());
        assertEquals("auto|0..1000 microseconds", SPECS.get(2).values());
        assertEquals("a size like 64m", SPECS.get(3).values());
        assertEquals("text", SPECS.get(4).values());
    }
}
