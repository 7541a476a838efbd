package org.offloadbench.shm.agrona;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.shm.region.RegionFiles;

/**
 * {@code shm/agrona}: child JVMs served through Agrona's {@code OneToOneRingBuffer}s (one request and one
 * response ring per child) on a memory-mapped file, with Agrona's idle strategies as the wait option.
 */
public final class AgronaProvider implements OffloaderProvider {
    public static final String NAME = "shm/agrona";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "child JVMs served through Agrona OneToOneRingBuffers (a request and a response ring per child) on a "
                + "memory-mapped file in /dev/shm; options wait=busy-spin|backoff|sleeping, ringBytes, jvmOptions, "
                + "dir, retry, maxStartFailures, respawnBackoffMillis";
    }

    @Override
    public Availability availability() {
        try {
            // Agrona 2.x reaches jdk.internal.misc.Unsafe; without the export its first buffer throws
            if (!Object.class.getModule().isExported("jdk.internal.misc", AgronaProvider.class.getModule())) {
                return Availability.no("Agrona 2.x needs " + RingChild.AGRONA_EXPORT + " on this JVM (the bench jar's "
                        + "manifest adds it for java -jar; with -cp pass it yourself)");
            }
            if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return Availability.no("no POSIX file permissions here, so a ring file cannot be made owner-only");
            }
            Path base = RegionFiles.defaultBase();
            if (!Files.isDirectory(base) || !Files.isWritable(base)) {
                return Availability.no("neither /dev/shm nor the temp folder (" + base + ") is a writable folder");
            }
            return Availability.yes();
        } catch (RuntimeException e) {
            return Availability.no("cannot check for a ring folder: " + e);
        }
    }

    @Override
    public ModelTraits traits() {
        return new ModelTraits("shared-memory",
                "process: own heap per child JVM; only its two rings (a mapped file) are shared",
                "one child JVM; its ring file is dropped with it and its task retried once on another child "
                        + "(retry=off: fails WORKER_CRASHED)", false,
                "child JVMs and one mapped ring file per child (0600, in a private 0700 folder under /dev/shm); "
                        + "every JVM mapping the rings needs " + RingChild.AGRONA_EXPORT,
                "SharedArrayBuffer ring buffer between worker_threads (Aeron-style IPC)");
    }

    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.SHARED_MEMORY;
    }

    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        try {
            return AgronaSettings.waitOf(NAME, config).discipline();
        } catch (IllegalArgumentException e) {
            return WaitDiscipline.UNKNOWN; // create() refuses this config, naming the valid choices
        }
    }

    /**
     * One ring message holds at most an eighth of the ring (Agrona's {@code maxMsgLength}); the request header
     * and the longest workload id take part of it. The answer's header is shorter, so an echo fits too.
     */
    @Override
    public long maxInputBytes(OffloaderConfig config) {
        try {
            return AgronaSettings.from(NAME, config).ringBytes() / 8 - RingMessages.REQUEST_HEADER_BYTES
                    - RingMessages.MAX_WORKLOAD_ID_BYTES;
        } catch (RuntimeException e) {
            return Long.MAX_VALUE; // create() refuses this config, naming the valid choices
        }
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        AgronaSettings settings = AgronaSettings.from(NAME, config);
        Availability here = availability();
        if (!here.available()) {
            throw new OffloadException(FailureKind.UNAVAILABLE, NAME + ": " + here.reason());
        }
        return AgronaOffloader.start(NAME, settings, new ChildJvmLauncher());
    }

    @Override
    public java.util.List<org.offloadbench.core.offload.options.OptionSpec> options() {
        return AgronaSettings.SPECS;
    }

    /** Also applies the model's own rules (the same checks {@link #create} makes); starts nothing. */
    @Override
    public java.util.Map<String, String> resolveOptions(org.offloadbench.core.offload.OffloaderConfig config) {
        AgronaSettings.from(name(), config);
        return org.offloadbench.core.offload.OffloaderProvider.super.resolveOptions(config);
    }
}
