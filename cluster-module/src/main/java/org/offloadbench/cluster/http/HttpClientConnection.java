package org.offloadbench.cluster.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One keep-alive HTTP/1.1 client connection, blocking. It is this module's own client rather than
 * {@code java.net.http.HttpClient} because the cluster models need two things that client makes hard: to
 * know whether a failed exchange had been answered at all (a worker that died before answering is retried,
 * one that answered is not) and to abort one exchange by closing its socket (cancel); it also costs less per
 * request (measured in the README).
 */
public final class HttpClientConnection implements AutoCloseable {
    /** Bound on an answer's head; a balancer's error pages are well below it. */
    public static final int MAX_REPLY_HEAD_BYTES = 16 * 1024;

    private final BackendAddress address;
    private final Socket socket;
    private final HttpInput in;
    private final OutputStream out;
    private final LongSupplier nanoTime;
    private final String hostHeader;
    private int exchanges;
    private volatile boolean closed;

    private HttpClientConnection(BackendAddress address, Socket socket, LongSupplier nanoTime) throws IOException {
        this.address = address;
        this.socket = socket;
        this.nanoTime = nanoTime;
        this.in = new HttpInput(socket, 64 * 1024, nanoTime);
        this.out = socket.getOutputStream();
        this.hostHeader = address.toString();
    }

    /** Connects within {@code connectTimeoutMillis}. */
    public static HttpClientConnection open(BackendAddress address, int connectTimeoutMillis, LongSupplier nanoTime)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.host(), address.port()), connectTimeoutMillis);
            return new HttpClientConnection(address, socket, nanoTime);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public BackendAddress address() {
        return address;
    }

    /** How many exchanges this connection completed (0 = fresh). */
    public int exchanges() {
        return exchanges;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Sends one request and reads its answer.
     *
     * @param replyTimeoutMillis how long to wait for the answer; 0 = forever
     * @param close              ask the server to close after answering (short-lived connections)
     * @throws NotAnsweredException when the connection ended before any byte of an answer arrived
     * @throws IOException          on any other transport failure, including a timeout
     */
    public WorkerReply exchange(String method, String path, Map<String, String> headers, byte[] body,
                                int replyTimeoutMillis, boolean close) throws IOException {
        return exchange(method, path, headers, body, replyTimeoutMillis, close, null, null);
    }

    /**
     * As above; {@code afterSend} (may be null) runs once the whole request is written, {@code onInterim}
     * (may be null) for each interim 1xx answer before the final one.
     */
    public WorkerReply exchange(String method, String path, Map<String, String> headers, byte[] body,
                                int replyTimeoutMillis, boolean close, Runnable afterSend, Runnable onInterim)
            throws IOException {
        StringBuilder start = new StringBuilder(method.length() + path.length() + 10);
        start.append(method).append(' ').append(path).append(" HTTP/1.1");
        java.util.LinkedHashMap<String, String> h = new java.util.LinkedHashMap<>();
        h.put("Host", hostHeader);
        h.putAll(headers);
        if (close) {
            h.put("Connection", "close");
        }
        try {
            HttpOutput.write(out, start.toString(), h, body);
        } catch (IOException e) {
            close();
            throw new NotAnsweredException("sending to " + address + " failed: " + e.getMessage(), true, e);
        }
        if (afterSend != null) {
            afterSend.run();
        }
        boolean first;
        try {
            first = in.awaitByte(replyTimeoutMillis);
        } catch (SocketTimeoutException e) {
            close();
            throw e;
        } catch (IOException e) {
            close();
            throw new NotAnsweredException(address + " reset the connection before answering: " + e.getMessage(),
                    false, e);
        }
        if (!first) {
            close();
            throw new NotAnsweredException(address + " closed the connection before answering", false, null);
        }
        try {
            HttpInput.Head head;
            int status;
            while (true) {
                head = in.readHead(MAX_REPLY_HEAD_BYTES, nanoTime.getAsLong() + 30_000_000_000L);
                status = status(head);
                if (status >= 200) {
                    break;
                }
                // interim answer (102: the task started); the final one follows on the same connection
                if (onInterim != null) {
                    onInterim.run();
                }
                if (!in.awaitByte(replyTimeoutMillis)) {
                    throw new NotAnsweredException(address + " closed the connection after an interim answer",
                            false, null);
                }
            }
            int length = head.contentLength(Integer.MAX_VALUE - 64);
            if (head.header("content-length") == null && !method.equals("HEAD")) {
                throw new HttpProtocolException(502, address + " answered without Content-Length");
            }
            byte[] replyBody = in.readBody(length, nanoTime.getAsLong() + 60_000_000_000L);
            exchanges++;
            if (close || head.wantsClose()) {
                close();
            }
            return new WorkerReply(status, head.headers(), replyBody);
        } catch (IOException e) {
            close();
            if (e instanceof EOFException) {
                throw new IOException(address + " closed the connection in the middle of an answer", e);
            }
            throw e;
        }
    }

    private int status(HttpInput.Head head) throws HttpProtocolException {
        String[] parts = head.startLine().split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new HttpProtocolException(502, "malformed status line '" + head.startLine() + "' from " + address);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new HttpProtocolException(502, "malformed status '" + parts[1] + "' from " + address);
        }
    }

    /** Closes the socket; an exchange blocked on it in another thread fails at once (this is how cancel works). */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // close only fails on an already invalid descriptor; the socket is unusable either way and
            // every caller treats the connection as gone after this
            assert e != null;
        }
    }

    /**
     * The connection ended before the server sent a single byte of its answer: the request may or may not
     * have run, but no result was produced, so a pure workload may be retried elsewhere.
     */
    public static final class NotAnsweredException extends IOException {
        private final boolean duringSend;

        NotAnsweredException(String message, boolean duringSend, Throwable cause) {
            super(message, cause);
            this.duringSend = duringSend;
        }

        /** True when writing the request failed (a stale keep-alive connection). */
        public boolean duringSend() {
            return duringSend;
        }
    }
}
