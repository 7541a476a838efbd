package org.offloadbench.core.workload.builtin;

import java.time.LocalDate;
import java.util.Random;

/** The vocabulary of the generated sales data shared by {@code csv-aggregate} and {@code json-aggregate}. */
final class SalesData {
    private SalesData() {
    }

    static final String[] REGIONS = {"north", "south", "east", "west", "central"};
    static final String[] PRODUCTS = {
        "widget", "gadget", "gizmo", "sprocket", "flange", "grommet", "bracket", "doohickey"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);

    static String region(Random random) {
        return REGIONS[random.nextInt(REGIONS.length)];
    }

    static String product(Random random) {
        return PRODUCTS[random.nextInt(PRODUCTS.length)];
    }

    static String date(Random random) {
        return FIRST_DAY.plusDays(random.nextInt(366)).toString();
    }

    static int quantity(Random random) {
        return 1 + random.nextInt(50);
    }

    static int unitPriceCents(Random random) {
        return 99 + random.nextInt(49_901);
    }
}
