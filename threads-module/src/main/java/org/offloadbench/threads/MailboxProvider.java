package org.offloadbench.threads;

import java.util.List;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.threads.support.ThreadModelSettings;
import org.offloadbench.core.offload.WaitDiscipline;

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

    /** A hand-off between threads of one process. */
    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.THREAD_HANDOFF;
    }

    /** The caller blocks on the task's future and the worker thread parks when idle: no spinning on either side. */
    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        return WaitDiscipline.PARK;
    }
}
