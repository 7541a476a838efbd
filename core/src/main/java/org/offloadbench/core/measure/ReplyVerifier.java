package org.offloadbench.core.measure;

import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Checksums;

/**
 * Checks a reply against the checksum of a direct in-thread run. Both the checksum the worker reports and
 * the caller's own checksum of the bytes it received must match: a model that mangles bytes in transit is
 * caught even when its worker computed the right answer.
 */
public final class ReplyVerifier {
    private final String model;
    private final String workloadId;
    private final long expectedChecksum;

    public ReplyVerifier(String model, String workloadId, long expectedChecksum) {
        this.model = model;
        this.workloadId = workloadId;
        this.expectedChecksum = expectedChecksum;
    }

    public long expectedChecksum() {
        return expectedChecksum;
    }

    /** @throws ChecksumMismatchException naming the model, workload and both checksums */
    public TaskResult verify(TaskResult result) {
        if (result == null || result.output() == null) {
            throw new ChecksumMismatchException(model + " returned no output for " + workloadId);
        }
        long actual = Checksums.of(result.output());
        if (actual != expectedChecksum || result.checksum() != expectedChecksum) {
            throw new ChecksumMismatchException(model + " returned wrong bytes for " + workloadId
                    + ": expected checksum " + Long.toHexString(expectedChecksum) + ", received bytes hash to "
                    + Long.toHexString(actual) + ", worker reported " + Long.toHexString(result.checksum()));
        }
        return result;
    }
}
