package org.offloadbench.process.bench;

/** The floor for spawn-to-first-result: a JVM that starts, prints one line and exits. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
