package org.offloadbench.reports.html;

import java.util.List;

/**
 * Everything report.mustache shows, in page order; {@code soWhat} is the verdict's task-size sentence from the
 * granularity suite (null without it).
 */
public record ReportView(String title, String runId, String subtitle, String banner, Table verdict, String verdictRule,
                         Table tradeoffs, List<String> unavailableModels, List<SectionView> sections,
                         List<KeyValue> environment, Table suites, List<String> method, List<Link> rawFiles,
                         String busyWarning, Table claims, String soWhat) {
}
