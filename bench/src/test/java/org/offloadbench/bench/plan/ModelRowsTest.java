package org.offloadbench.bench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offloadbench.bench.suite.Suites;
import org.offloadbench.bench.testkit.TestPoolProvider;
import org.offloadbench.bench.testkit.UnavailableProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.workload.WorkloadCatalogue;

/** --models variants and --model-option: parsed, checked by the model, and recorded before any suite runs. */
class ModelRowsTest {
    private static final String POOL = TestPoolProvider.NAME;
    private final WorkloadCatalogue catalogue = WorkloadCatalogue.load();
    private final RunPlanner planner = new RunPlanner(OffloaderRegistry.load(), catalogue,
            Suites.names(Suites.all()), 2);

    private RunPlan plan(List<String> models, List<String> modelOptions) {
        return planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick").withModels(models)
                .withModelOptions(modelOptions));
    }

    private String refusal(List<String> models, List<String> modelOptions) {
        return assertThrows(UsageException.class, () -> plan(models, modelOptions)).getMessage();
    }

    @Test
    void commasInsideBracketsDoNotSplitModels() {
        assertEquals(List.of("a[x=1,y=2]", "b", "c[z=3]"), ModelRows.split(List.of("a[x=1,y=2], b", "c[z=3]")));
        assertEquals(List.of("a", "b"), ModelRows.split(List.of("a,,b,")));
    }

    @Test
    void twoVariantsAreTwoRowsNamedWithTheirOptionsAndRecordedWithEveryDefault() {
        // what the shell hands over for --models 'm[wait=park]','m[wait=spin]'
        RunPlan plan = plan(List.of(POOL + "[wait=park]," + POOL + "[wait=spin]"), List.of());
        assertEquals(List.of(POOL + "[wait=park]", POOL + "[wait=spin]"), plan.models());
        ModelRow park = plan.row(POOL + "[wait=park]");
        assertEquals(POOL, park.model());
        assertEquals(Map.of("wait", "park"), park.options());
        assertEquals(Map.of("wait", "park", "spinMicros", "0"), park.resolved(), "defaults are recorded too");
        assertEquals(Map.of("wait", "spin"), plan.row(POOL + "[wait=spin]").config(3, 7).options());
        assertEquals(3, plan.row(POOL + "[wait=spin]").config(3, 7).workers());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> recorded = (List<Map<String, Object>>) plan.config(catalogue).get("modelRows");
        assertEquals(List.of(
                Map.of("name", POOL + "[wait=park]", "model", POOL, "options", Map.of("wait", "park", "spinMicros", "0")),
                Map.of("name", POOL + "[wait=spin]", "model", POOL, "options", Map.of("wait", "spin", "spinMicros", "0"))),
                recorded);
        assertNotEquals(plan.configHash(catalogue), plan(List.of(POOL + "[wait=park]", POOL + "[wait=spin,spinMicros=5]"),
                List.of()).configHash(catalogue), "options are part of the config hash");
        assertNotEquals(RunPlan.fileName(POOL + "[wait=park]"), RunPlan.fileName(POOL + "[wait=spin]"));
        assertEquals("bench-test_pool.wait=spin.spinMicros=5", RunPlan.fileName(POOL + "[wait=spin,spinMicros=5]"));
    }

    @Test
    void aModelOptionReachesEveryRowOfItsModelAndAVariantOverridesIt() {
        RunPlan plan = plan(List.of(POOL, POOL + "[wait=spin]"), List.of(POOL + ":spinMicros=20"));
        assertEquals(List.of(POOL, POOL + "[wait=spin]"), plan.models());
        assertEquals(Map.of("wait", "park", "spinMicros", "20"), plan.row(POOL).resolved());
        assertEquals(Map.of("wait", "spin", "spinMicros", "20"), plan.row(POOL + "[wait=spin]").resolved());
        assertEquals(Map.of("spinMicros", "20", "wait", "spin"), plan.row(POOL + "[wait=spin]").options());
        RunPlan overridden = plan(List.of(POOL + "[spinMicros=7]"), List.of(POOL + ":spinMicros=20"));
        assertEquals("7", overridden.row(POOL + "[spinMicros=7]").resolved().get("spinMicros"));
        RunPlan canonical = plan(List.of(), List.of(POOL + ":wait= Spin "));
        assertEquals("spin", canonical.row(POOL).resolved().get("wait"),
                "without --models: every available model, values checked and canonical");
        String same = refusal(List.of(POOL, POOL + "[wait=spin]"), List.of(POOL + ":wait=spin"));
        assertTrue(same.contains("are the same " + POOL), same);
        String sameAsDefault = refusal(List.of(POOL, POOL + "[wait=park]"), List.of());
        assertTrue(sameAsDefault.contains("drop one"), sameAsDefault);
    }

    @Test
    void unknownModelsKeysAndValuesAreRefusedNamingTheValidOnes() {
        String model = refusal(List.of("bench-test/nope[wait=spin]"), List.of());
        assertTrue(model.contains("unknown model 'bench-test/nope'") && model.contains(POOL), model);
        String key = refusal(List.of(POOL + "[nap=1]"), List.of());
        assertTrue(key.contains("unknown option 'nap' for " + POOL + "; valid: spinMicros, wait"), key);
        String value = refusal(List.of(POOL + "[wait=nap]"), List.of());
        assertTrue(value.contains("option wait must be one of [spin, park], was 'nap'"), value);
        assertTrue(value.contains("options of " + POOL + ": wait=park (spin|park), spinMicros=0 (0..1000 microseconds)"),
                value);
        String range = refusal(List.of(POOL), List.of(POOL + ":spinMicros=5000"));
        assertTrue(range.contains("a whole number of microseconds in 0..1000, was '5000'"), range);
        String unavailable = refusal(List.of(UnavailableProvider.NAME + "[x=1]"), List.of());
        assertTrue(unavailable.contains("not available here"), unavailable);
        String optionModel = refusal(List.of(POOL), List.of("bench-test/nope:wait=spin"));
        assertTrue(optionModel.contains("unknown model in --model-option 'bench-test/nope'"), optionModel);
        String unavailableOption = refusal(List.of(POOL), List.of(UnavailableProvider.NAME + ":x=1"));
        assertTrue(unavailableOption.contains("not available here"), unavailableOption);
        for (String bad : List.of(POOL + "[wait=spin", POOL + "wait=spin]", POOL + "[]", POOL + "[=spin]",
                "[wait=spin]", POOL + "[wait=spin][x=1]")) {
            String m = refusal(List.of(bad), List.of());
            assertTrue(m.contains("malformed model variant") && m.contains("MODEL[key=value,key=value]"), bad + ": " + m);
        }
        for (String bad : List.of("wait=spin", POOL + ":", POOL + ":=spin", ":wait=spin")) {
            String m = refusal(List.of(POOL), List.of(bad));
            assertTrue(m.contains("malformed --model-option") && m.contains("MODEL:key=value"), bad + ": " + m);
        }
        String twice = refusal(List.of(POOL + "[wait=spin,wait=park]"), List.of());
        assertTrue(twice.contains("gives wait twice"), twice);
    }

    @Test
    void aModelOptionForAModelOutsideTheRunIsRefused() {
        RunPlanner withTwo = new RunPlanner(OffloaderRegistry.load(), catalogue, Suites.names(Suites.all()), 2);
        List<String> available = OffloaderRegistry.load().available().stream().map(p -> p.name())
                .filter(n -> !n.equals(POOL)).toList();
        String other = available.get(0);
        UsageException e = assertThrows(UsageException.class, () -> withTwo.plan(RunOptions.defaults(Path.of("out"))
                .withModels(List.of(POOL)).withModelOptions(List.of(other + ":x=1"))));
        assertTrue(e.getMessage().contains("unknown option 'x' for " + other)
                || e.getMessage().contains("--model-option names " + other + ", which is not among"), e.getMessage());
    }
}
