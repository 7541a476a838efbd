/**
 * {@code shm/agrona}: child JVMs served through Agrona's {@code OneToOneRingBuffer}s on a memory-mapped file,
 * one request ring and one response ring per child, with Agrona's idle strategies on both sides.
 */
package org.offloadbench.shm.agrona;
