package org.offloadbench.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.core.worker.ChildJvmLauncher;

/** Registers {@link PipesOffloader} as {@code process/pipes}. */
public final class PipesProvider implements OffloaderProvider {

    @Override
    public String name() {
        return PipesOffloader.NAME;
    }

    @Override
    public String description() {
        return "warm pool of child JVMs (same java and classpath) speaking length-prefixed frames over stdin/stdout"
                + " pipes";
    }

    @Override
    public Availability availability() {
        try {
            Path launcher = ChildJvmLauncher.currentJavaExecutable();
            return Files.isExecutable(launcher) ? Availability.yes()
                    : Availability.no("no executable java launcher at " + launcher);
        } catch (RuntimeException e) {
            return Availability.no("cannot find this JVM's java launcher: " + e.getMessage());
        }
    }

    @Override
    public ModelTraits traits() {
        return new ModelTraits(
                "process",
                "separate process and heap per worker; same host and user",
                "a crash, halt, heap exhaustion or runaway task ends only its child, which is replaced; its in-flight"
                        + " tasks are retried once elsewhere, so the caller sees at most a retry or a clear failure",
                false, // every input and output is copied through two kernel pipe buffers
                "child JVMs started and watched by the caller (no server, no port)",
                "child_process.fork with a pool of workers");
    }

    @Override
    public List<OptionSpec> options() {
        return PipesSettings.OPTIONS;
    }

    /** Also checks the rules between options (cdsArchive needs cds=app); starts nothing. */
    @Override
    public Map<String, String> resolveOptions(OffloaderConfig config) {
        PipesSettings.from(name(), config);
        return OffloaderProvider.super.resolveOptions(config);
    }

    /**
     * @throws IllegalArgumentException for an unknown option or a bad value (the message names the valid ones)
     */
    @Override
    public Offloader create(OffloaderConfig config) {
        return new PipesOffloader(PipesSettings.from(PipesOffloader.NAME, config));
    }

    /** Frames over the child's stdin/stdout pipes. */
    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.PIPE;
    }

    /**
     * {@code awaitSpinMicros=auto} (spin while a core is free) and {@code N > 0} spin, then park: adaptive;
     * {@code 0} parks at once.
     */
    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        PipesSettings settings = PipesSettings.from(PipesOffloader.NAME, config);
        return settings.awaitSpinAdaptive() || settings.awaitSpinNanos() > 0 ? WaitDiscipline.ADAPTIVE
                : WaitDiscipline.PARK;
    }
}
