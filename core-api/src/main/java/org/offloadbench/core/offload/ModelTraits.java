package org.offloadbench.core.offload;

/**
 * The qualitative side of the trade-off matrix; the measured side (startup, memory per worker) comes from
 * the suites. Each model states these about itself so the report needs no knowledge of any model.
 *
 * @param family           threads, process, cluster or shared-memory
 * @param isolation        what a worker shares with the caller (heap, process, host)
 * @param blastRadius      what a crashing worker takes down with it
 * @param zeroCopy         whether input can reach the worker without a copy
 * @param operationalParts what has to run besides the caller (nothing, child JVMs, nginx, ...)
 * @param nodeAnalog       the Node.js feature this corresponds to, for readers of the seed article
 */
public record ModelTraits(String family, String isolation, String blastRadius, boolean zeroCopy,
                          String operationalParts, String nodeAnalog) {
}
