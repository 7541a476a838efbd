package org.offloadbench.core.workload.builtin;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;

/**
 * {@code csv-aggregate}: parses sales rows and sums units and revenue per region and product, the
 * "report over an uploaded file" kind of request.
 *
 * <p>Input: UTF-8 CSV with the header line {@value #HEADER} and then rows such as
 * {@code 2024-03-05,north,widget,3,1299} (unit price in cents); about {@code payloadBytes} long (default
 * 256 KiB, about 7800 rows). Fields are plain: quotes are refused with an error, empty lines are skipped, a
 * final {@code \r} on a line is ignored. The date is required but not aggregated.
 * Output: the UTF-8 text {@code region,product,units,revenueCents}, one line per group, sorted by region
 * and then product (see {@link SalesTotals}).
 *
 * <p>The parser is a few lines of {@code indexOf}: the format has five unquoted fields, and a CSV library
 * would add a dependency to every worker's classpath without changing what is measured.
 */
public final class CsvAggregateWorkload implements Workload {

    public static final String ID = "csv-aggregate";
    static final String HEADER = "date,region,product,quantity,unitPriceCents";
    private static final int FIELDS = 5;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "parses 256 KiB of CSV sales rows and sums units and revenue per region and product";
    }

    @Override
    public WorkloadClass workloadClass() {
        return WorkloadClass.PARSING;
    }

    @Override
    public int defaultPayloadBytes() {
        return 256 * 1024;
    }

    /** Rows are added while the text stays within {@code payloadBytes}; the header is always there. */
    @Override
    public byte[] generateInput(InputSpec spec) {
        WorkloadOptions.of(ID, spec);
        Random random = SeededRandom.of(spec.seed());
        var csv = new StringBuilder(spec.payloadBytes() + 64).append(HEADER).append('\n');
        var row = new StringBuilder(64);
        while (true) {
            row.setLength(0);
            row.append(SalesData.date(random)).append(',')
                    .append(SalesData.region(random)).append(',')
                    .append(SalesData.product(random)).append(',')
                    .append(SalesData.quantity(random)).append(',')
                    .append(SalesData.unitPriceCents(random)).append('\n');
            if (csv.length() + row.length() > spec.payloadBytes()) {
                break;
            }
            csv.append(row);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] execute(byte[] input) {
        var reader = InputReader.of(ID, input);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(input)).toString();
        } catch (CharacterCodingException e) {
            throw reader.fail("not valid UTF-8 (" + e + ")", e);
        }
        var totals = new SalesTotals(ID);
        String[] fields = new String[FIELDS];
        int lineNumber = 0;
        boolean headerSeen = false;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (!headerSeen) {
                if (!line.equals(HEADER)) {
                    throw reader.fail("line " + lineNumber + ": expected the header '" + HEADER + "', found '"
                            + abbreviate(line) + "'");
                }
                headerSeen = true;
                continue;
            }
            String where = "line " + lineNumber;
            split(line, fields, where, reader);
            totals.add(where, fields[1], fields[2],
                    parseLong(fields[3], "quantity", where, reader),
                    parseLong(fields[4], "unitPriceCents", where, reader));
        }
        if (!headerSeen) {
            throw reader.fail("no header line '" + HEADER + "' (input is empty or blank)");
        }
        return totals.render();
    }

    private static void split(String line, String[] fields, String where, InputReader reader) {
        if (line.indexOf('"') >= 0) {
            throw reader.fail(where + ": quoted fields are not supported: '" + abbreviate(line) + "'");
        }
        int count = 0;
        int from = 0;
        while (true) {
            int comma = line.indexOf(',', from);
            if (count == FIELDS || (comma < 0 && count < FIELDS - 1)) {
                throw reader.fail(where + ": expected " + FIELDS + " fields (" + HEADER + "), found '"
                        + abbreviate(line) + "'");
            }
            if (comma < 0) {
                fields[count] = line.substring(from);
                break;
            }
            fields[count++] = line.substring(from, comma);
            from = comma + 1;
        }
        if (fields[0].isEmpty()) {
            throw reader.fail(where + ": date is empty");
        }
    }

    private static long parseLong(String value, String field, String where, InputReader reader) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw reader.fail(where + ": " + field + " '" + abbreviate(value) + "' is not a whole number", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
