package org.offloadbench.shm;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.shm.region.RegionFiles;

/** Whether regions can be made here: POSIX permissions and a writable folder. Cheap, never throws. */
final class ShmAvailability {
    private ShmAvailability() {
    }

    static Availability check() {
        try {
            if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return Availability.no("no POSIX file permissions here, so a region file cannot be made owner-only");
            }
            Path base = RegionFiles.defaultBase();
            if (!Files.isDirectory(base) || !Files.isWritable(base)) {
                return Availability.no("neither /dev/shm nor the temp folder (" + base + ") is a writable folder");
            }
            return Availability.yes();
        } catch (RuntimeException e) {
            return Availability.no("cannot check for a region folder: " + e);
        }
    }
}
