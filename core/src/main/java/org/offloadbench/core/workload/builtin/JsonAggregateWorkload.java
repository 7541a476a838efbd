package org.offloadbench.core.workload.builtin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;

/**
 * {@code json-aggregate}: parses a JSON array of order documents with Jackson and sums units and revenue per
 * region and product, the same group-by and output as {@code csv-aggregate}.
 *
 * <p>Input: about {@code payloadBytes} (default 256 KiB, about 1000 orders of 1 to 5 lines) of
 * <pre>
 * [{"orderId":1,"date":"2024-03-05","region":"north","customer":"c-00042",
 *   "lines":[{"product":"widget","quantity":3,"unitPriceCents":1299}, ...]}, ...]
 * </pre>
 * Fields may come in any order; unknown fields are skipped; {@code region}, {@code lines} and, in each line,
 * {@code product}, {@code quantity} and {@code unitPriceCents} are required. Output: see
 * {@link SalesTotals}.
 *
 * <p>Why Jackson's streaming parser and not a tree: it builds no intermediate node per value, so the work
 * measured is parsing and aggregating, as in a service that cares about throughput, and its errors carry
 * the line and column. A tree ({@code readTree}) would spend much of the time allocating nodes.
 */
public final class JsonAggregateWorkload implements Workload {

    public static final String ID = "json-aggregate";
    // Thread-safe once built; duplicate keys are refused so "region" cannot silently mean two things.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "parses 256 KiB of JSON orders with Jackson and sums units and revenue per region and product";
    }

    @Override
    public WorkloadClass workloadClass() {
        return WorkloadClass.PARSING;
    }

    @Override
    public int defaultPayloadBytes() {
        return 256 * 1024;
    }

    /** Orders are added until the document reaches {@code payloadBytes}, so it may exceed it by one order. */
    @Override
    public byte[] generateInput(InputSpec spec) {
        WorkloadOptions.of(ID, spec);
        Random random = SeededRandom.of(spec.seed());
        var bytes = new ByteArrayOutputStream(spec.payloadBytes() + 512);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartArray();
            for (int orderId = 1; bytes.size() + json.getOutputBuffered() < spec.payloadBytes(); orderId++) {
                json.writeStartObject();
                json.writeNumberField("orderId", orderId);
                json.writeStringField("date", SalesData.date(random));
                json.writeStringField("region", SalesData.region(random));
                json.writeStringField("customer", String.format(Locale.ROOT, "c-%05d", random.nextInt(100_000)));
                json.writeArrayFieldStart("lines");
                for (int line = 1 + random.nextInt(5); line > 0; line--) {
                    json.writeStartObject();
                    json.writeStringField("product", SalesData.product(random));
                    json.writeNumberField("quantity", SalesData.quantity(random));
                    json.writeNumberField("unitPriceCents", SalesData.unitPriceCents(random));
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return bytes.toByteArray();
    }

    @Override
    public byte[] execute(byte[] input) {
        var reader = InputReader.of(ID, input);
        var totals = new SalesTotals(ID);
        try (JsonParser parser = JSON.createParser(input)) {
            expect(parser, parser.nextToken(), JsonToken.START_ARRAY, "the document", reader);
            int orderNumber = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                orderNumber++;
                readOrder(parser, "order #" + orderNumber, totals, reader);
            }
            if (parser.nextToken() != null) {
                throw reader.fail("content after the closing ] at " + location(parser));
            }
        } catch (IOException e) {
            // JsonProcessingException's message already says what and where (line, column).
            throw reader.fail(e.getMessage(), e);
        }
        return totals.render();
    }

    private record Line(String product, long quantity, long unitPriceCents) {
    }

    private static void readOrder(JsonParser parser, String where, SalesTotals totals, InputReader reader)
            throws IOException {
        expect(parser, parser.currentToken(), JsonToken.START_OBJECT, where, reader);
        String region = null;
        List<Line> lines = null;
        // "lines" may precede "region", so the lines are kept until the whole order has been read.
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "region" -> region = readString(parser, value, where + " region", reader);
                case "lines" -> lines = readLines(parser, value, where, reader);
                default -> parser.skipChildren();
            }
        }
        if (region == null || lines == null) {
            throw reader.fail(where + " (ending at " + location(parser) + ") has no \""
                    + (region == null ? "region" : "lines") + "\"");
        }
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            totals.add(where + " line #" + (i + 1), region, line.product(), line.quantity(), line.unitPriceCents());
        }
    }

    private static List<Line> readLines(JsonParser parser, JsonToken value, String where, InputReader reader)
            throws IOException {
        expect(parser, value, JsonToken.START_ARRAY, where + " lines", reader);
        List<Line> lines = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String lineWhere = where + " line #" + (lines.size() + 1);
            expect(parser, parser.currentToken(), JsonToken.START_OBJECT, lineWhere, reader);
            String product = null;
            Long quantity = null;
            Long unitPriceCents = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "product" -> product = readString(parser, token, lineWhere + " product", reader);
                    case "quantity" -> quantity = readLong(parser, token, lineWhere + " quantity", reader);
                    case "unitPriceCents" ->
                            unitPriceCents = readLong(parser, token, lineWhere + " unitPriceCents", reader);
                    default -> parser.skipChildren();
                }
            }
            if (product == null || quantity == null || unitPriceCents == null) {
                throw reader.fail(lineWhere + " (ending at " + location(parser)
                        + ") needs \"product\", \"quantity\" and \"unitPriceCents\"");
            }
            lines.add(new Line(product, quantity, unitPriceCents));
        }
        return lines;
    }

    private static String readString(JsonParser parser, JsonToken token, String what, InputReader reader)
            throws IOException {
        expect(parser, token, JsonToken.VALUE_STRING, what, reader);
        return parser.getText();
    }

    private static long readLong(JsonParser parser, JsonToken token, String what, InputReader reader)
            throws IOException {
        expect(parser, token, JsonToken.VALUE_NUMBER_INT, what, reader);
        return parser.getLongValue(); // a number beyond 64 bits throws, with its location
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected, String what,
            InputReader reader) {
        if (actual != expected) {
            throw reader.fail(what + " should be " + describe(expected) + " but is "
                    + (actual == null ? "missing (end of input)" : describe(actual)) + " at " + location(parser));
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            default -> token.asString() != null ? "'" + token.asString() + "'" : token.name();
        };
    }

    private static String location(JsonParser parser) {
        var location = parser.currentLocation();
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
