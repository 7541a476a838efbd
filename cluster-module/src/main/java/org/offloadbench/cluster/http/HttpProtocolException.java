package org.offloadbench.cluster.http;

import java.io.IOException;

/** A message that breaks HTTP/1.1 or a limit; {@link #status()} is the answer a server sends for it. */
public final class HttpProtocolException extends IOException {
    private final int status;

    public HttpProtocolException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
