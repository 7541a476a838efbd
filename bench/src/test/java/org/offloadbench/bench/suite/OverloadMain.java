package org.offloadbench.bench.suite;

import java.util.Locale;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.measure.OpenLoopResult;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * Run in a forked JVM with a small heap by {@link LatencyOverloadTest}: the latency suite's open-loop step,
 * with its in-flight cap and queue depth, offered a rate far above what any model can do. Prints one
 * {@code RESULT} (or {@code FAILED}) line per model; the exit status says whether the JVM survived.
 *
 * <p>Arguments: rate per second, step millis, workload id, then model names.
 */
public final class OverloadMain {
    private OverloadMain() {
    }

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(args[0]);
        long stepMillis = Long.parseLong(args[1]);
        WorkloadCatalogue catalogue = WorkloadCatalogue.load();
        PreparedInput input = PreparedInput.of(catalogue.get(args[2]), catalogue.get(args[2]).defaultPayloadBytes());
        OffloaderRegistry registry = OffloaderRegistry.load();
        int workers = Runtime.getRuntime().availableProcessors();
        int cap = LatencySuite.inFlightCap(input.input().length, workers, Runtime.getRuntime().maxMemory());
        for (int i = 3; i < args.length; i++) {
            String model = args[i];
            try (Offloader offloader = registry.get(model).create(OffloaderConfig.of(workers, cap))) {
                OpenLoopResult r = LatencySuite.openLoop(NanoClock.system(), offloader, input, input.verifierFor(model),
                        rate, stepMillis, LatencySuite.inFlightLimit(rate, cap), null, null);
                System.out.println(String.format(Locale.ROOT, "RESULT %s sent=%d completed=%d late=%d dropped=%d"
                                + " failed=%d unfinished=%d p99Nanos=%d cap=%d", model, r.sent(), r.completed(),
                        r.lateAtLimit(), r.dropped(), r.failed(), r.unfinished(),
                        r.corrected().getValueAtPercentile(99), cap));
            } catch (RuntimeException | OutOfMemoryError e) {
                System.out.println("FAILED " + model + " " + e);
            }
        }
    }
}
