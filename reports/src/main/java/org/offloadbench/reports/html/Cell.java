package org.offloadbench.reports.html;

/**
 * One table cell: the figure, an optional second line (interval and n) and a CSS class
 * ({@code num} for right-aligned figures, {@code defect} for something that must not happen).
 */
public record Cell(String text, String sub, String cls) {
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
