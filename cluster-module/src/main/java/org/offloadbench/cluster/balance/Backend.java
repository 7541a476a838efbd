package org.offloadbench.cluster.balance;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.offloadbench.cluster.http.BackendAddress;

/**
 * One worker as a balancer sees it: where to send requests, where to health-check it, whether it is up, and
 * how busy it is. The addresses change when a local worker is respawned on a new admin port.
 */
public final class Backend {
    private final int index;
    private volatile BackendAddress address;
    private volatile BackendAddress healthAddress;
    private volatile boolean up;
    private final AtomicInteger active = new AtomicInteger();
    private final LongAdder requests = new LongAdder();

    public Backend(int index, BackendAddress address, BackendAddress healthAddress) {
        this.index = index;
        this.address = address;
        this.healthAddress = healthAddress;
        this.up = true;
    }

    public int index() {
        return index;
    }

    public BackendAddress address() {
        return address;
    }

    public BackendAddress healthAddress() {
        return healthAddress;
    }

    /** A respawned worker: new addresses, up again. */
    public void replaced(BackendAddress newAddress, BackendAddress newHealthAddress) {
        this.address = newAddress;
        this.healthAddress = newHealthAddress;
        this.up = true;
    }

    public boolean isUp() {
        return up;
    }

    public void markDown() {
        up = false;
    }

    public void markUp() {
        up = true;
    }

    /** Requests being served by this backend now (least-connections counts these). */
    public int active() {
        return active.get();
    }

    public void begin() {
        active.incrementAndGet();
        requests.increment();
    }

    public void end() {
        active.decrementAndGet();
    }

    /** Requests sent to this backend so far (evenness). */
    public long requests() {
        return requests.sum();
    }

    @Override
    public String toString() {
        return "backend " + index + " " + address + (up ? " up" : " down") + " active=" + active();
    }
}
