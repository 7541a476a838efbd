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
 * @param abandoned  threads that ignored interruption and were left running (in-process models only)
 */
public record OffloaderStats(int workers, int queueDepth, int inFlight, long completed, long failed,
                             long timedOut, long rejected, long cancelled, long respawned, long abandoned) {
}
