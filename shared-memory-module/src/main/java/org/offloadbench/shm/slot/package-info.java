/**
 * One slot's protocol, shared by the parent and every kind of worker: the atomic state machine
 * ({@link org.offloadbench.shm.slot.Slot}), how each side waits ({@link org.offloadbench.shm.slot.WaitStrategy},
 * {@link org.offloadbench.shm.slot.Doorbell}) and the worker loop ({@link org.offloadbench.shm.slot.SlotServer}).
 */
package org.offloadbench.shm.slot;
