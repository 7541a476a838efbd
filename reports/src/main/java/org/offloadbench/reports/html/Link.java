package org.offloadbench.reports.html;

/** A link to a raw file, relative to the report page, with a hint of what opens it. */
public record Link(String href, String text, String hint) {
}
