package org.offloadbench.bench.rig;

/** The run was stopped (Ctrl-C): the current suite ends as "interrupted" and the folder stays valid. */
public class RunInterruptedException extends RuntimeException {
    public RunInterruptedException(String message) {
        super(message);
    }
}
