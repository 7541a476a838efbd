package org.offloadbench.reports.html;

/**
 * One table cell: the figure, an optional second line (interval and n), a CSS class
 * ({@code num} for right-aligned figures, {@code defect} for something that must not happen) and an optional
 * link (a section of the page, {@code #anatomy}) drawn around the text.
 */
public record Cell(String text, String sub, String cls, String href) {
    public Cell(String text, String sub, String cls) {
        this(text, sub, cls, null);
    }

    /** This cell, its text linked to {@code target}. */
    public Cell linkedTo(String target) {
        return new Cell(text, sub, cls, target);
    }

    public static Cell text(String text) {
        return new Cell(text, null, null);
    }

    public static Cell num(String text) {
        return new Cell(text, null, "num");
    }

    public static Cell num(String text, String sub) {
        return new Cell(text, sub, "num");
    }
}
