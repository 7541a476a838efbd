package org.offloadbench.reports.stats;

/** The outcome of a test of difference between two figures (see {@link Significance}). */
public enum Verdict {
    /** The test rejects "no difference" at alpha and the candidate is on the better side. */
    BETTER,
    /** The test rejects "no difference" at alpha and the candidate is on the worse side. */
    WORSE,
    /** The test ran and does not reject "no difference" at alpha. */
    NO_SIGNIFICANT_DIFFERENCE,
    /** Samples (or an interval) exist, but too few for the test ever to reach alpha. */
    TOO_FEW_SAMPLES,
    /** Neither samples nor an interval on both sides: nothing to test, so nothing is claimed. */
    NOT_JUDGED
}
