package org.offloadbench.core.worker;

import java.io.IOException;
import java.util.List;

/** A child JVM did not come up: it exited, sent something other than READY, or took too long. */
public class ChildJvmStartException extends IOException {
    public ChildJvmStartException(String message, List<String> stderrTail) {
        super(message + (stderrTail.isEmpty() ? "; it wrote nothing to stderr"
                : "; last stderr lines:\n  " + String.join("\n  ", stderrTail)));
    }

    public ChildJvmStartException(String message, List<String> stderrTail, Throwable cause) {
        this(message, stderrTail);
        initCause(cause);
    }
}
