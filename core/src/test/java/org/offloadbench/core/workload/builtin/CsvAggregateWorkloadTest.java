package org.offloadbench.core.workload.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.WorkloadException;

class CsvAggregateWorkloadTest {

    static final String TINY_CSV = """
            date,region,product,quantity,unitPriceCents
            2024-01-02,north,widget,3,100
            2024-01-03,south,gadget,1,2500\r
            
            2024-01-04,north,widget,2,150
            2024-01-05,north,gadget,5,10
            2024-01-06,east,widget,1,99""";

    /** Worked by hand: north/widget is 3 x 100 + 2 x 150. */
    static final String TINY_TOTALS = """
            region,product,units,revenueCents
            east,widget,1,99
            north,gadget,5,50
            north,widget,5,600
            south,gadget,1,2500
            """;

    private final CsvAggregateWorkload workload = new CsvAggregateWorkload();

    private String run(String csv) {
        return new String(workload.execute(csv.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private String failure(String csv) {
        return assertThrows(WorkloadException.class, () -> run(csv)).getMessage();
    }

    @Test
    void tinyCsvHasTheHandWorkedTotals() {
        assertEquals(TINY_TOTALS, run(TINY_CSV));
    }

    @Test
    void headerOnlyGivesHeaderOnly() {
        assertEquals(SalesTotals.HEADER, run(CsvAggregateWorkload.HEADER + "\n"));
    }

    @Test
    void generatedInputStaysWithinPayloadAndParses() {
        byte[] input = workload.generateInput(InputSpec.of(5, 10_000));
        assertTrue(input.length <= 10_000 && input.length > 9_900, "length " + input.length);
        String totals = new String(workload.execute(input), StandardCharsets.UTF_8);
        assertTrue(totals.startsWith(SalesTotals.HEADER), totals);
        assertEquals(1 + 5 * 8, totals.split("\n").length, "5 regions x 8 products appear in 10 KB of rows");
    }

    @Test
    void malformedRowsNameTheLineAndTheProblem() {
        String header = CsvAggregateWorkload.HEADER + "\n";
        assertTrue(failure("").contains("no header line"));
        assertTrue(failure("a,b\n").contains("line 1: expected the header"));
        assertTrue(failure(header + "2024-01-01,north,widget,3\n").contains("line 2: expected 5 fields"));
        assertTrue(failure(header + "2024-01-01,north,widget,3,1,9\n").contains("line 2: expected 5 fields"));
        assertTrue(failure(header + "2024-01-01,north,widget,three,1\n")
                .contains("line 2: quantity 'three' is not a whole number"));
        assertTrue(failure(header + "2024-01-01,\"north\",widget,3,1\n").contains("quoted fields are not supported"));
        assertTrue(failure(header + "2024-01-01,,widget,3,1\n").contains("line 2: region is empty"));
        assertTrue(failure(header + ",north,widget,3,1\n").contains("line 2: date is empty"));
        assertTrue(failure(header + "d,north,widget,4611686018427387904,4\n").contains("overflow"));
        var notUtf8 = assertThrows(WorkloadException.class, () -> workload.execute(new byte[] {(byte) 0xFF}));
        assertTrue(notUtf8.getMessage().contains("not valid UTF-8"), notUtf8.getMessage());
    }
}
