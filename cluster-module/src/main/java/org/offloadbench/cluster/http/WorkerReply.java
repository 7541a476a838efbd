package org.offloadbench.cluster.http;

import java.util.Locale;
import java.util.Map;

/** One HTTP answer as the client read it; header names are lower case. */
public record WorkerReply(int status, Map<String, String> headers, byte[] body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8).trim();
    }
}
