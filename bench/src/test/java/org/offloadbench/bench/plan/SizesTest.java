package org.offloadbench.bench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void parsesBinaryUnits() {
        assertEquals(List.of(64, 1024, 16 << 20, 1 << 30, 100),
                Sizes.parseList(List.of("64B,1KiB", "16MiB", "1gib", "100")));
    }

    @Test
    void formatsTheShortestExactForm() {
        assertEquals("64B", Sizes.format(64));
        assertEquals("64KiB", Sizes.format(65536));
        assertEquals("16MiB", Sizes.format(16 << 20));
        assertEquals("1500B", Sizes.format(1500));
    }

    @Test
    void rejectsDecimalUnitsFractionsAndHugeSizes() {
        assertThrows(UsageException.class, () -> Sizes.parse("1KB"));
        assertThrows(UsageException.class, () -> Sizes.parse("1.5MiB"));
        assertThrows(UsageException.class, () -> Sizes.parse("-1B"));
        assertThrows(UsageException.class, () -> Sizes.parse("2048MiB"));
        assertThrows(UsageException.class, () -> Sizes.parse("99999999999999999999"));
    }
}
