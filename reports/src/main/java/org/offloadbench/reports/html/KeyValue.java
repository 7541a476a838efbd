package org.offloadbench.reports.html;

public record KeyValue(String key, String value) {
}
