package org.offloadbench.core.offload;

/**
 * Live counters of an offloader, cumulative since it was created.
 *
 * @param workers    workers alive now (threads, processes, backends)
 * @param queueDepth tasks accepted but not yet running
 * @param inFlight   tasks running now
 * @param completed  tasks that produced a result
 * @param failed     tasks that failed for any reason other than those counted separately below
 * @param timedOut   tasks that hit their timeout
 * @param rejected   tasks refused because the queue was full
 * @param cancelled  tasks cancelled by the caller
 * @param respawned  workers replaced after a crash or a timeout
 * @param abandoned  tasks that ignored interruption and were left running (a thread here, or a worker's own
 *                   count where the worker keeps running it)
 */
public record OffloaderStats(int workers, int queueDepth, int inFlight, long completed, long failed,
                             long timedOut, long rejected, long cancelled, long respawned, long abandoned) {

    /**
     * These task counts with the recovery counts of a model that keeps them elsewhere (its worker supervisor
     * counts the respawns, its workers report the tasks they abandoned).
     */
    public OffloaderStats withRecovery(long respawnedNow, long abandonedNow) {
        return new OffloaderStats(workers, queueDepth, inFlight, completed, failed, timedOut, rejected, cancelled,
                respawnedNow, abandonedNow);
    }
}
