package org.offloadbench.reports;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Entry point the runner calls for {@code bench compare}: a report of two runs side by side. Being
 * implemented on the reports branch.
 */
public final class CompareRenderer {

    /**
     * @param allowDifferentMachines render even when the two runs come from different machines
     * @return the path of the rendered compare.html
     */
    public Path render(Path baselineDir, Path candidateDir, Path outDir, boolean allowDifferentMachines)
            throws IOException {
        throw new UnsupportedOperationException("compare is being built on the reports branch");
    }
}
