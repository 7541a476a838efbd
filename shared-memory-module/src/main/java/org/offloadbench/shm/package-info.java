/**
 * The shared-memory models ({@code shm/copy}, {@code shm/zero-copy}, {@code shm/in-process}): a region
 * mapped by the parent and its workers, one request/response slot per worker, driven by
 * {@link org.offloadbench.shm.ShmOffloader}. Start with the module README for the layout, the slot state
 * machine, the wait strategies and the failure handling.
 */
package org.offloadbench.shm;
