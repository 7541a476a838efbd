package org.offloadbench.core.result;

/** A results folder that is missing, unreadable or of a format this code does not read. */
public class ResultsFormatException extends RuntimeException {
    public ResultsFormatException(String message) {
        super(message);
    }

    public ResultsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
