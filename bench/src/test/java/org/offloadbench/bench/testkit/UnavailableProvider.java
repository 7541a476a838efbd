package org.offloadbench.bench.testkit;

import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;

/** A model that cannot run here, so list, the planner and the report's "absent models" are exercised. */
public class UnavailableProvider implements OffloaderProvider {
    public static final String NAME = "bench-test/unavailable";
    public static final String REASON = "needs a test machine that does not exist";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test-only model that is never available";
    }

    @Override
    public Availability availability() {
        return Availability.no(REASON);
    }

    @Override
    public ModelTraits traits() {
        return new ModelTraits("process", "process", "one worker", false, "nothing", "child_process");
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        throw new OffloadException(org.offloadbench.core.offload.FailureKind.UNAVAILABLE, REASON);
    }
}
