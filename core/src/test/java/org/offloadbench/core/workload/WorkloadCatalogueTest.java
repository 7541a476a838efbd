package org.offloadbench.core.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadCatalogueTest {

    static final List<String> BUILTIN_IDS = List.of("csv-aggregate", "deflate", "echo", "fibonacci", "image-blur",
            "json-aggregate", "mlp-inference", "noop", "password-hash", "sha256", "sum-loop");

    @Test
    void loadFindsAllElevenBuiltins() {
        WorkloadCatalogue catalogue = WorkloadCatalogue.load();
        for (String id : BUILTIN_IDS) {
            assertTrue(catalogue.contains(id), id + " missing from " + catalogue.ids());
            assertEquals(id, catalogue.get(id).id());
        }
    }

    @Test
    void unknownIdNamesTheValidOnes() {
        WorkloadCatalogue catalogue = WorkloadCatalogue.load();
        var e = assertThrows(IllegalArgumentException.class, () -> catalogue.get("sha-256"));
        assertTrue(e.getMessage().startsWith("unknown workload 'sha-256'; valid: "), e.getMessage());
        for (String id : BUILTIN_IDS) {
            assertTrue(e.getMessage().contains(id), e.getMessage());
        }
    }

    @Test
    void idsAreSortedAndLookupsReturnTheSameInstance() {
        WorkloadCatalogue catalogue = WorkloadCatalogue.load();
        List<String> ids = catalogue.ids();
        assertEquals(ids.stream().sorted().toList(), ids);
        assertSame(catalogue.get("echo"), catalogue.get("echo"));
    }
}
