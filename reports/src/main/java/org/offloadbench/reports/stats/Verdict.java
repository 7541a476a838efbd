package org.offloadbench.reports.stats;

/** The outcome of comparing two figures that each carry a confidence interval. */
public enum Verdict {
    /** The intervals do not overlap and the candidate is on the better side. */
    BETTER,
    /** The intervals do not overlap and the candidate is on the worse side. */
    WORSE,
    /** The intervals overlap: the data cannot tell the two apart. */
    NO_SIGNIFICANT_DIFFERENCE,
    /** At least one figure has no interval (n < 3), so significance cannot be judged. */
    NO_INTERVAL
}
