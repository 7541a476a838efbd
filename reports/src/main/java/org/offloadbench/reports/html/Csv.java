package org.offloadbench.reports.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The data behind a chart at full precision, written as RFC 4180 CSV next to the chart. */
public final class Csv {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Csv(String... header) {
        this.header = List.of(header);
    }

    public Csv row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("CSV has " + header.size() + " columns, a row has " + values.length);
        }
        List<String> row = new ArrayList<>();
        for (Object v : values) {
            row.add(v == null ? "" : String.valueOf(v));
        }
        rows.add(row);
        return this;
    }

    /** @return the path relative to the report folder */
    public String write(Path reportDir, String name) throws IOException {
        String relative = "data/" + name + ".csv";
        Path file = reportDir.resolve(relative);
        Files.createDirectories(file.getParent());
        StringBuilder out = new StringBuilder();
        line(out, header);
        rows.forEach(r -> line(out, r));
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        return relative;
    }

    private static void line(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values.get(i);
            if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
                out.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                out.append(v);
            }
        }
        out.append("\r\n");
    }
}
