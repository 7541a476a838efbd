package org.offloadbench.cluster.client;

/**
 * How the cluster client behaves.
 *
 * @param lanes                 requests in flight at most (workers x worker concurrency); more wait here
 * @param queueCapacity         requests that may wait beyond those in flight; more are rejected
 * @param persistentConnections keep-alive connections (true) or one connection per request (false)
 * @param healthIntervalMillis  pause between health-check rounds
 * @param connectTimeoutMillis  bound on one TCP connect
 * @param noWorkerWaitMillis    how long a request waits for some worker to come up before it fails
 * @param replyGraceMillis      beyond a task's own timeout, how long the client waits for an answer before
 *                              it gives up on the worker (the worker answers 504 itself well before)
 * @param notifyStart           ask workers for an interim 102 when a task starts, so "in flight" means
 *                              running (false where the balancer does not pass interim answers on)
 */
public record ClientSettings(int lanes, int queueCapacity, boolean persistentConnections, long healthIntervalMillis,
                             int connectTimeoutMillis, long noWorkerWaitMillis, long replyGraceMillis,
                             boolean notifyStart) {
    public ClientSettings {
        if (lanes < 1 || queueCapacity < 0 || healthIntervalMillis < 1 || connectTimeoutMillis < 1) {
            throw new IllegalArgumentException("invalid client settings: " + lanes + " lanes, queue " + queueCapacity
                    + ", health every " + healthIntervalMillis + " ms, connect timeout " + connectTimeoutMillis + " ms");
        }
    }
}
