package org.offloadbench.reports.html;

import java.util.List;

/**
 * One suite's section.
 *
 * @param id     HTML id and the suite name
 * @param title  heading
 * @param lead   the question the suite answers, one sentence
 * @param status a line about the suite's state when it did not finish (failed, skipped, interrupted)
 * @param blocks the content
 */
public record SectionView(String id, String title, String lead, String status, List<Block> blocks) {
}
