/**
 * JMH benchmarks of the shared-memory models, in {@code target/benchmarks.jar} with the standard JMH
 * command line, e.g. {@code java -jar shared-memory-module/target/benchmarks.jar RoundTripBenchmark
 * -p workers=child -p wait=spin -p payloadBytes=64}:
 * <ul>
 *   <li>{@link org.offloadbench.shm.bench.RoundTripBenchmark}: zero-copy round trip per wait strategy and
 *       payload size (against the C shm-spin and futex floors; 64 MiB vs 64 B).</li>
 *   <li>{@link org.offloadbench.shm.bench.CopyPathBenchmark}: the byte-array path at 16 MiB next to the JVM's
 *       own copies (against C memcpy).</li>
 *   <li>{@link org.offloadbench.shm.bench.ThroughputBenchmark}: saturated throughput at 1 and more workers.</li>
 * </ul>
 * Report the wait strategy beside every figure: on two cores a spinning waiter owns a core.
 */
package org.offloadbench.shm.bench;
