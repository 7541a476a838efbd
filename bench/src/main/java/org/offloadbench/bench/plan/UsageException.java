package org.offloadbench.bench.plan;

/**
 * The user asked for something that does not exist or cannot be parsed. The CLI prints the message as one
 * line and exits with code 2; the message names the problem and the valid choices.
 */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
