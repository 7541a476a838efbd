package org.offloadbench.reports;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Entry point the runner calls: renders {@code <resultsDir>/report/index.html} (plus charts/*.png and
 * data/*.csv) from a results folder. Being implemented on the reports branch.
 */
public final class ReportRenderer {

    /** @return the path of the rendered index.html */
    public Path render(Path resultsDir) throws IOException {
        throw new UnsupportedOperationException("report rendering is being built on the reports branch");
    }
}
