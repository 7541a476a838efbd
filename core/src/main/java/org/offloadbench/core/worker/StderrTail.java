package org.offloadbench.core.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Drains a child's stderr on a daemon thread into a ring of its last lines. Draining never stops, so a
 * chatty child can never block on a full stderr pipe; long lines are cut so memory stays bounded.
 */
final class StderrTail {
    static final int MAX_LINE_CHARS = 4096;

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final int maxLines;
    private final Thread drainer;
    private long linesSeen;

    StderrTail(InputStream stderr, int maxLines, String threadName) {
        this.maxLines = maxLines;
        this.drainer = new Thread(() -> drain(stderr), threadName);
        drainer.setDaemon(true);
        drainer.start();
    }

    /** The last lines, oldest first. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized long linesSeen() {
        return linesSeen;
    }

    /** Waits until the child's stderr has ended (all lines are in), at most {@code millis}. */
    void awaitEnd(long millis) throws InterruptedException {
        drainer.join(millis);
    }

    private void drain(InputStream stderr) {
        StringBuilder line = new StringBuilder();
        boolean cut = false;
        try (Reader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            int c;
            while ((c = reader.read()) >= 0) {
                if (c == '\n') {
                    add(line, cut);
                    line.setLength(0);
                    cut = false;
                } else if (line.length() < MAX_LINE_CHARS) {
                    line.append((char) c);
                } else {
                    cut = true;
                }
            }
        } catch (IOException e) {
            // the stream closes under us when the process is destroyed; keep what we have and say so
            add(new StringBuilder("[stderr drain stopped: " + e + "]"), false);
        }
        if (line.length() > 0) {
            add(line, cut);
        }
    }

    /** Adds a line of the parent's own, e.g. why the child's streams were closed. */
    void note(String line) {
        add(line, false);
    }

    private synchronized void add(CharSequence line, boolean cut) {
        String s = line.toString();
        if (s.endsWith("\r")) {
            s = s.substring(0, s.length() - 1);
        }
        lines.addLast(cut ? s + " ...[line cut at " + MAX_LINE_CHARS + " chars]" : s);
        linesSeen++;
        while (lines.size() > maxLines) {
            lines.removeFirst();
        }
    }
}
