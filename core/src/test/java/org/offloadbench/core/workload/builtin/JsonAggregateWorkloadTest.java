package org.offloadbench.core.workload.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.WorkloadException;

class JsonAggregateWorkloadTest {

    /** The same sales as CsvAggregateWorkloadTest.TINY_CSV, as orders; fields deliberately out of order. */
    static final String TINY_JSON = """
            [
              {"orderId": 1, "region": "north", "lines": [
                {"product": "widget", "quantity": 3, "unitPriceCents": 100},
                {"unitPriceCents": 150, "quantity": 2, "product": "widget", "note": {"gift": [true]}}]},
              {"lines": [{"product": "gadget", "quantity": 1, "unitPriceCents": 2500}], "region": "south"},
              {"orderId": 3, "region": "north", "customer": "c-1",
               "lines": [{"product": "gadget", "quantity": 5, "unitPriceCents": 10}]},
              {"region": "east", "lines": [{"product": "widget", "quantity": 1, "unitPriceCents": 99}]},
              {"region": "west", "lines": []}
            ]
            """;

    private final JsonAggregateWorkload workload = new JsonAggregateWorkload();

    private String run(String json) {
        return new String(workload.execute(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private String failure(String json) {
        return assertThrows(WorkloadException.class, () -> run(json)).getMessage();
    }

    @Test
    void tinyDocumentHasTheSameTotalsAsTheTinyCsv() {
        assertEquals(CsvAggregateWorkloadTest.TINY_TOTALS, run(TINY_JSON));
        assertEquals(SalesTotals.HEADER, run("[]"));
    }

    @Test
    void generatedDocumentParses() {
        byte[] input = workload.generateInput(InputSpec.of(5, 10_000));
        assertTrue(input.length >= 10_000 && input.length < 10_400, "length " + input.length);
        String totals = new String(workload.execute(input), StandardCharsets.UTF_8);
        assertTrue(totals.startsWith(SalesTotals.HEADER), totals);
        assertTrue(totals.split("\n").length > 20, totals);
    }

    @Test
    void malformedDocumentsSayWhatAndWhere() {
        assertTrue(failure("{}").contains("the document should be an array but is an object"));
        assertTrue(failure("").contains("the document should be an array but is missing"));
        assertTrue(failure("[{\"region\":\"n\"}]").contains("order #1"));
        assertTrue(failure("[{\"region\":\"n\"}]").contains("has no \"lines\""));
        assertTrue(failure("[{\"region\":3,\"lines\":[]}]").contains("order #1 region should be a string"));
        assertTrue(failure("[{\"region\":\"n\",\"lines\":[{\"product\":\"p\",\"quantity\":1}]}]")
                .contains("order #1 line #1"));
        assertTrue(failure("[{\"region\":\"n\",\"lines\":[{\"product\":\"p\",\"quantity\":1.5,\"unitPriceCents\":1}]}]")
                .contains("quantity should be a whole number"));
        assertTrue(failure("[{\"region\":\"n\",\"lines\":[{\"product\":\"p\",\"quantity\":99999999999999999999,"
                + "\"unitPriceCents\":1}]}]").contains("json-aggregate: malformed input"));
        assertTrue(failure("[{\"region\":\"n\",\"region\":\"s\",\"lines\":[]}]").contains("Duplicate field 'region'"));
        assertTrue(failure("[] []").contains("content after the closing ]"));
        assertTrue(failure("[{\"region\":\"a,b\",\"lines\":[{\"product\":\"p\",\"quantity\":1,\"unitPriceCents\":1}]}]")
                .contains("contains a comma"));
        assertTrue(failure("[{\"region\": \"n\", \"lines\": [").contains("json-aggregate: malformed input"));
        assertTrue(failure("[1]").contains("order #1 should be an object but is a whole number"));
    }
}
