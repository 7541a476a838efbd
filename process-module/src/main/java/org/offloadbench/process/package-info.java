/**
 * {@code process/pipes}: CPU work offloaded to a warm pool of child JVMs over stdin/stdout pipes.
 *
 * <ul>
 *   <li>{@link org.offloadbench.process.PipesOffloader}: the pool (dispatch, timeouts, crash recovery, close).</li>
 *   <li>{@link org.offloadbench.process.PipesSettings}: its options, validated.</li>
 *   <li>{@link org.offloadbench.process.PipesProvider}: the ServiceLoader registration.</li>
 *   <li>{@code CdsArchive}: the optional application class-data-sharing archive of the worker.</li>
 * </ul>
 * Benchmarks live in {@code org.offloadbench.process.bench}.
 */
package org.offloadbench.process;
