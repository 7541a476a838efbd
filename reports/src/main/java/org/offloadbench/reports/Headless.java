package org.offloadbench.reports;

/** Charts are drawn off-screen; make sure AWT never looks for a display (CI machines have none). */
final class Headless {
    private Headless() {
    }

    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
