package org.offloadbench.reports.html;

/**
 * A unit inside a section: a heading, then a figure, a table, a note and a link to the data of a table
 * that has no chart, each optional.
 */
public record Block(String heading, Figure figure, Table table, String note, String csv) {
    public Block(String heading, Figure figure, Table table, String note) {
        this(heading, figure, table, note, null);
    }

    public static Block table(String heading, Table table, String note) {
        return new Block(heading, null, table, note, null);
    }
}
