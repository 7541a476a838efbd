package org.offloadbench.threads;

import java.util.List;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.threads.support.ThreadModelSettings;

/** Registers {@link MailboxOffloader}. */
public final class MailboxProvider implements OffloaderProvider {
    @Override
    public String name() {
        return MailboxOffloader.NAME;
    }

    @Override
    public String description() {
        return "dedicated workers with one inbox each; copy on send or ownership transfer; "
                + "dispatch=least-loaded|round-robin";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public ModelTraits traits() {
        return ThreadModelTraits.of("worker_threads with postMessage (structured clone) and transferList");
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return new MailboxOffloader(config);
    }

    @Override
    public List<OptionSpec> options() {
        return ThreadModelSettings.specs(MailboxOffloader.OPTIONS);
    }
}
