package org.offloadbench.reports.html;

import java.util.ArrayList;
import java.util.List;

/** A table as the template draws it; built row by row. */
public final class Table {
    private final String caption;
    private final List<String> headers;
    private final List<Row> rows = new ArrayList<>();

    /** A row; {@code cls} marks the whole row (e.g. {@code defect}). */
    public record Row(List<Cell> cells, String cls) {
    }

    public Table(String caption, List<String> headers) {
        this.caption = caption;
        this.headers = List.copyOf(headers);
    }

    public Table add(List<Cell> cells) {
        return add(cells, null);
    }

    public Table add(List<Cell> cells, String cls) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("table '" + caption + "' has " + headers.size()
                    + " columns, a row has " + cells.size());
        }
        rows.add(new Row(List.copyOf(cells), cls));
        return this;
    }

    public String caption() {
        return caption;
    }

    public List<String> headers() {
        return headers;
    }

    public List<Row> rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
