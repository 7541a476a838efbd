package org.offloadbench.threads;

import java.util.List;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.threads.support.ThreadModelSettings;

/** Registers {@link PlatformPoolOffloader}. */
public final class PlatformPoolProvider implements OffloaderProvider {
    @Override
    public String name() {
        return PlatformPoolOffloader.NAME;
    }

    @Override
    public String description() {
        return "fixed pool of platform threads sharing one bounded FIFO queue";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public ModelTraits traits() {
        return ThreadModelTraits.of("a worker_threads pool with a shared task queue (piscina)");
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return new PlatformPoolOffloader(config);
    }

    @Override
    public List<OptionSpec> options() {
        return ThreadModelSettings.specs(List.of());
    }
}
