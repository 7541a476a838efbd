package org.offloadbench.cluster.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A small buffered reader for HTTP/1.1 heads and bodies over a blocking socket. Every read is bounded twice:
 * in bytes (a head may not exceed {@code maxHeadBytes}, a body is read only up to its declared length) and in
 * time (a deadline for the whole head, enforced by setting the socket timeout to what is left before each
 * read). Per-read timeouts alone would let a slow client that sends one byte a second hold a worker forever.
 */
public final class HttpInput {
    private final Socket socket;
    private final InputStream in;
    private final LongSupplier nanoTime;
    private final byte[] buf;
    private int pos;
    private int limit;

    public HttpInput(Socket socket, int bufferBytes, LongSupplier nanoTime) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.nanoTime = nanoTime;
        this.buf = new byte[bufferBytes];
    }

    /** Bytes already received but not consumed (a pipelined request). */
    public boolean hasBuffered() {
        return pos < limit;
    }

    /**
     * Waits for the first byte of the next message. {@code timeoutMillis} 0 waits forever.
     *
     * @return false on a clean end of stream
     * @throws SocketTimeoutException when nothing arrived in time
     */
    public boolean awaitByte(int timeoutMillis) throws IOException {
        if (pos < limit) {
            return true;
        }
        socket.setSoTimeout(timeoutMillis);
        return fill();
    }

    /**
     * Reads a head: the start line and header fields up to the empty line.
     *
     * @param deadlineNanos {@link #nanoTime} value by which the whole head must have arrived
     * @throws HttpProtocolException when the head is malformed or too large
     * @throws SocketTimeoutException when the deadline passes first
     * @throws EOFException when the peer closes mid-head
     */
    public Head readHead(int maxHeadBytes, long deadlineNanos) throws IOException {
        int[] budget = {maxHeadBytes};
        String startLine = readLine(budget, deadlineNanos);
        Map<String, String> headers = new LinkedHashMap<>();
        while (true) {
            String line = readLine(budget, deadlineNanos);
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new HttpProtocolException(400, "malformed header line '" + cut(line) + "'");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (headers.putIfAbsent(name, value) != null && name.equals("content-length")) {
                throw new HttpProtocolException(400, "more than one Content-Length header");
            }
        }
        return new Head(startLine, headers);
    }

    /** Reads exactly {@code length} body bytes before the deadline. */
    public byte[] readBody(int length, long deadlineNanos) throws IOException {
        byte[] body = new byte[length];
        int off = 0;
        while (off < length) {
            if (pos == limit) {
                setTimeoutUntil(deadlineNanos);
                if (!fill()) {
                    throw new EOFException("peer closed after " + off + " of " + length + " body bytes");
                }
            }
            int n = Math.min(length - off, limit - pos);
            System.arraycopy(buf, pos, body, off, n);
            pos += n;
            off += n;
        }
        return body;
    }

    private String readLine(int[] budget, long deadlineNanos) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (pos == limit) {
                setTimeoutUntil(deadlineNanos);
                if (!fill()) {
                    throw new EOFException("peer closed in the middle of a message head");
                }
            }
            byte b = buf[pos++];
            if (--budget[0] < 0) {
                throw new HttpProtocolException(431, "message head exceeds the limit of the worker");
            }
            if (b == '\n') {
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') {
                    line.setLength(len - 1);
                }
                return line.toString();
            }
            if (b == 0) {
                throw new HttpProtocolException(400, "NUL byte in message head");
            }
            line.append((char) (b & 0xFF));
        }
    }

    private void setTimeoutUntil(long deadlineNanos) throws IOException {
        long leftMillis = (deadlineNanos - nanoTime.getAsLong()) / 1_000_000L;
        if (leftMillis <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private static String cut(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** A parsed head; header names are lower case. */
    public record Head(String startLine, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name);
        }

        /** The declared body length; 0 when absent. */
        public int contentLength(int maxBodyBytes) throws HttpProtocolException {
            String value = headers.get("content-length");
            if (value == null) {
                if (headers.containsKey("transfer-encoding")) {
                    throw new HttpProtocolException(411, "chunked bodies are not supported; send Content-Length");
                }
                return 0;
            }
            long length;
            try {
                length = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new HttpProtocolException(400, "Content-Length '" + value + "' is not a number");
            }
            if (length < 0) {
                throw new HttpProtocolException(400, "Content-Length " + length + " is negative");
            }
            if (length > maxBodyBytes) {
                throw new HttpProtocolException(413, "body of " + length + " bytes exceeds the limit of "
                        + maxBodyBytes + " bytes");
            }
            return (int) length;
        }

        public boolean wantsClose() {
            String c = headers.get("connection");
            return c != null && c.toLowerCase(Locale.ROOT).contains("close");
        }

        byte[] startLineBytes() {
            return startLine.getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
