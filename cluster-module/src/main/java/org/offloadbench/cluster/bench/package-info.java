/**
 * Benchmarks of the cluster models: noop round trip straight to a worker and through each balancer
 * ({@link org.offloadbench.cluster.bench.RoundTripBenchmark}), saturated sha256 throughput at 1 and at
 * cores workers ({@link org.offloadbench.cluster.bench.ThroughputBenchmark}), and the spread of requests
 * over workers ({@link org.offloadbench.cluster.bench.EvennessProbe}, a plain main: it counts, not times).
 */
package org.offloadbench.cluster.bench;
