package org.offloadbench.core.measure.cpu;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A child process of known CPU cost: on each "burn" line from stdin it burns {@code args[0]} milliseconds of
 * thread CPU and answers "done"; it exits at "exit" or at the end of stdin (so it never outlives its test).
 */
public final class BurnMain {
    private BurnMain() {
    }

    public static void main(String[] args) throws Exception {
        long millis = Long.parseLong(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        System.out.flush();
        String line;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            long sink = Burn.cpuNanos(millis * 1_000_000L);
            System.out.println(sink == 42 ? "done!" : "done");
            System.out.flush();
        }
    }
}
