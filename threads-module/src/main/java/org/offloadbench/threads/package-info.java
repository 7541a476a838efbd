/** In-process offload models: the JVM's counterparts of Node's worker_threads. */
package org.offloadbench.threads;
