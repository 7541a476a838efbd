package org.offloadbench.shm.region;

import java.io.IOException;

/** A region file that cannot be attached: truncated, corrupt, from another layout or another owner. */
public final class RegionFormatException extends IOException {
    public RegionFormatException(String message) {
        super(message);
    }
}
