package org.offloadbench.cluster.worker;

/**
 * How an {@link HttpWorker} listens and runs.
 *
 * @param host                 address to bind; 127.0.0.1 unless told otherwise
 * @param port                 port to bind; 0 picks a free one
 * @param reusePort            set SO_REUSEPORT so several workers share {@code port} (cluster/kernel)
 * @param adminPort            -1 for none, else a second, private listener (0 = any free port) answering the
 *                             same requests; a balancer health-checks each worker there when they share a port
 * @param concurrency          requests run at once
 * @param maxQueued            requests waiting beyond those running; more are answered 503
 * @param maxBodyBytes         largest request body; larger is answered 413 without reading it
 * @param maxHeadBytes         largest request head (request line plus headers); larger is answered 431
 * @param headTimeoutMillis    time a request's head may take from its first byte; then 408 and close
 * @param bodyTimeoutMillis    time a declared body may take to arrive
 * @param idleTimeoutMillis    a keep-alive connection with no request for this long is closed
 * @param abandonGraceMillis   after a timeout or cancel interrupts a task, how long its thread may take to
 *                             stop before the worker gives up on it and frees its slot
 */
public record HttpWorkerConfig(String host, int port, boolean reusePort, int adminPort, int concurrency,
                               int maxQueued, int maxBodyBytes, int maxHeadBytes, int headTimeoutMillis,
                               int bodyTimeoutMillis, int idleTimeoutMillis, int abandonGraceMillis) {

    public static final String LOOPBACK = "127.0.0.1";

    public HttpWorkerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 .. 65535, was " + port);
        }
        if (adminPort < -1 || adminPort > 65535) {
            throw new IllegalArgumentException("admin port must be -1 (none) or 0 .. 65535, was " + adminPort);
        }
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("concurrency must be 1 .. 1024, was " + concurrency);
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("max queued must be >= 0, was " + maxQueued);
        }
        if (maxBodyBytes < 0 || maxHeadBytes < 256) {
            throw new IllegalArgumentException("max body must be >= 0 and max head >= 256 bytes, were "
                    + maxBodyBytes + " and " + maxHeadBytes);
        }
        if (headTimeoutMillis < 1 || bodyTimeoutMillis < 1 || idleTimeoutMillis < 1 || abandonGraceMillis < 0) {
            throw new IllegalArgumentException("timeouts must be >= 1 ms (abandon grace >= 0)");
        }
    }

    public static HttpWorkerConfig defaults() {
        return new HttpWorkerConfig(LOOPBACK, 0, false, -1, 1, 1024, 64 * 1024 * 1024, 8 * 1024, 5_000, 60_000,
                300_000, 100);
    }

    public HttpWorkerConfig withHost(String v) {
        return new HttpWorkerConfig(v, port, reusePort, adminPort, concurrency, maxQueued, maxBodyBytes,
                maxHeadBytes, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis, abandonGraceMillis);
    }

    public HttpWorkerConfig withPort(int v) {
        return new HttpWorkerConfig(host, v, reusePort, adminPort, concurrency, maxQueued, maxBodyBytes,
                maxHeadBytes, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis, abandonGraceMillis);
    }

    public HttpWorkerConfig withReusePort(boolean v) {
        return new HttpWorkerConfig(host, port, v, adminPort, concurrency, maxQueued, maxBodyBytes,
                maxHeadBytes, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis, abandonGraceMillis);
    }

    public HttpWorkerConfig withAdminPort(int v) {
        return new HttpWorkerConfig(host, port, reusePort, v, concurrency, maxQueued, maxBodyBytes,
                maxHeadBytes, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis, abandonGraceMillis);
    }

    public HttpWorkerConfig withConcurrency(int v) {
        return new HttpWorkerConfig(host, port, reusePort, adminPort, v, maxQueued, maxBodyBytes,
                maxHeadBytes, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis, abandonGraceMillis);
    }

    public HttpWorkerConfig withMaxQueued(int v) {
        return new HttpWorkerConfig(host, port, reusePort, adminPort, concurrency, v, maxBodyBytes,
                maxHeadBytes, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis, abandonGraceMillis);
    }

    public HttpWorkerConfig withMaxBodyBytes(int v) {
        return new HttpWorkerConfig(host, port, reusePort, adminPort, concurrency, maxQueued, v,
                maxHeadBytes, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis, abandonGraceMillis);
    }

    public HttpWorkerConfig withMaxHeadBytes(int v) {
        return new HttpWorkerConfig(host, port, reusePort, adminPort, concurrency, maxQueued, maxBodyBytes,
                v, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis, abandonGraceMillis);
    }

    public HttpWorkerConfig withHeadTimeoutMillis(int v) {
        return new HttpWorkerConfig(host, port, reusePort, adminPort, concurrency, maxQueued, maxBodyBytes,
                maxHeadBytes, v, bodyTimeoutMillis, idleTimeoutMillis, abandonGraceMillis);
    }

    public HttpWorkerConfig withIdleTimeoutMillis(int v) {
        return new HttpWorkerConfig(host, port, reusePort, adminPort, concurrency, maxQueued, maxBodyBytes,
                maxHeadBytes, headTimeoutMillis, bodyTimeoutMillis, v, abandonGraceMillis);
    }
}
