/**
 * JMH benchmarks of the thread models, built into {@code threads-module/target/benchmarks.jar}
 * ({@code java -jar threads-module/target/benchmarks.jar -l} lists them, {@code -h} shows the JMH options).
 * They use the built-in workloads ({@code noop}, {@code sha256}, {@code sum-loop}) by id; every reply's
 * checksum is recomputed on the caller's side and compared with a direct in-thread run, so a model that
 * returns wrong bytes fails the benchmark instead of looking fast.
 */
package org.offloadbench.threads.bench;
