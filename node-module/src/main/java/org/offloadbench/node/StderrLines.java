package org.offloadbench.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** Drains a node process's stderr continuously (a full pipe would stall it) and keeps its last lines for errors. */
final class StderrLines {
    private static final int KEEP = 20;
    private final Deque<String> last = new ArrayDeque<>();

    StderrLines(InputStream stderr, String threadName) {
        Thread t = new Thread(() -> drain(stderr), threadName);
        t.setDaemon(true);
        t.start();
    }

    private void drain(InputStream stderr) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (last) {
                    if (last.size() == KEEP) {
                        last.removeFirst();
                    }
                    last.addLast(line.length() > 500 ? line.substring(0, 500) + "..." : line);
                }
            }
        } catch (IOException e) {
            synchronized (last) {
                last.addLast("(stderr read failed: " + e.getMessage() + ")");
            }
        }
    }

    /** The last lines, joined, or a note that there were none. */
    String tail() {
        synchronized (last) {
            return last.isEmpty() ? "(nothing on stderr)" : String.join(" | ", last);
        }
    }
}
