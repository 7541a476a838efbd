/**
 * The worker side of the out-of-process models and the way their workers are started.
 *
 * <ul>
 *   <li>{@link org.offloadbench.core.worker.TaskExecutor}: one request in, one RESPONSE or ERROR out; shared
 *       by pipe workers and the cluster's HTTP workers.</li>
 *   <li>{@link org.offloadbench.core.worker.WorkerLoop}: frames in, a small fixed task pool, frames out;
 *       timeouts, cancel, bounded queue, drain on end of input or SHUTDOWN.</li>
 *   <li>{@link org.offloadbench.core.worker.WorkerMain}: the child JVM's main class (stdout reserved for
 *       frames, exits when its parent goes away).</li>
 *   <li>{@link org.offloadbench.core.worker.ChildJvmLauncher}, {@link org.offloadbench.core.worker.ChildJvmSpec},
 *       {@link org.offloadbench.core.worker.ChildJvm}: start a child JVM with this JVM's java and classpath,
 *       drain its stderr, measure spawn-to-READY, and make sure it is gone on close.</li>
 * </ul>
 *
 * <p>Typical use by a model:
 * <pre>{@code
 * FrameCodec codec = FrameCodec.withDefaults();
 * try (ChildJvm child = new ChildJvmLauncher().launch(ChildJvmSpec.worker("--concurrency=1")
 *         .withJvmOptions(List.of("-Xmx256m")))) {
 *     child.awaitReady(codec, Duration.ofSeconds(30));
 *     FrameWriter out = new FrameWriter(codec, child.stdin());
 *     out.write(new Frame.Request(1L, "sha256", 0L, input));
 *     Frame answer = codec.read(child.stdout());   // Response or Error for request 1
 * }
 * }</pre>
 */
package org.offloadbench.core.worker;
