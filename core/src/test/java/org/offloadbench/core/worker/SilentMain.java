package org.offloadbench.core.worker;

/** A child that starts and says nothing, like a worker stuck before READY. Bounded at 120 s. */
public final class SilentMain {
    private SilentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.err.println("silent child up, never sending READY");
        Thread.sleep(120_000L);
    }
}
