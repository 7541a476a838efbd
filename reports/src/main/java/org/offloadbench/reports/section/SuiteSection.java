package org.offloadbench.reports.section;

import java.io.IOException;
import org.offloadbench.reports.html.SectionView;

/** Builds one suite's section of the report: charts written to disk, tables and notes returned. */
public interface SuiteSection {
    String suite();

    SectionView build(Context ctx) throws IOException;
}
