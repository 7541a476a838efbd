package org.offloadbench.core.workload.builtin;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;

/**
 * {@code deflate}: compresses generated English-like text with {@link Deflater} (zlib format).
 *
 * <p>Input (big-endian): {@code int level} (option {@code level}, 0..9, default {@value #DEFAULT_LEVEL}),
 * then {@code payloadBytes} of text (default 64 KiB) made of words drawn from a fixed vocabulary with a
 * skewed distribution, so it compresses roughly like prose (about 3:1). Output: the compressed bytes, which
 * {@link java.util.zip.Inflater} restores to the text.
 *
 * <p>The output is whatever the zlib linked into the JDK produces. zlib's output for a given level has been
 * stable for many releases, but a JDK built against a different deflate implementation (zlib-ng, for one)
 * may produce other, equally valid bytes, and then the golden checksum differs. Models are always checked
 * against an in-thread run on the same JDK, so that never makes a model look wrong.
 */
public final class DeflateWorkload implements Workload {

    public static final String ID = "deflate";
    static final int DEFAULT_LEVEL = 6;

    private static final String[] VOCABULARY = (
            "the of and to in a is that for it as was with be by on not he this are or his from at which but"
            + " have an they you were her she there been one all we their has would when if so no will more"
            + " offload worker thread process cluster memory latency throughput queue buffer benchmark result"
            + " measure compress parse hash image model inference report shared pipe frame request response")
            .split(" ");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "zlib-deflates 64 KiB of generated English-like text (level 6)";
    }

    @Override
    public WorkloadClass workloadClass() {
        return WorkloadClass.COMPRESSION;
    }

    /** The text size; the input is 4 bytes longer (the level). */
    @Override
    public int defaultPayloadBytes() {
        return 64 * 1024;
    }

    @Override
    public byte[] generateInput(InputSpec spec) {
        int level = WorkloadOptions.of(ID, spec, "level").intOption("level", DEFAULT_LEVEL, 0, 9);
        byte[] text = generateText(spec.seed(), spec.payloadBytes());
        return ByteBuffer.allocate(Integer.BYTES + text.length).putInt(level).put(text).array();
    }

    static byte[] generateText(long seed, int length) {
        Random random = SeededRandom.of(seed);
        var text = new StringBuilder(length + 32);
        int wordsInSentence = 0;
        while (text.length() < length) {
            // Squaring a uniform draw favours the first, shortest words, like word frequencies in prose.
            double u = random.nextDouble();
            String word = VOCABULARY[(int) (u * u * VOCABULARY.length)];
            if (wordsInSentence == 0) {
                text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            } else {
                text.append(' ').append(word);
            }
            if (++wordsInSentence > 4 + random.nextInt(12)) {
                text.append(random.nextInt(8) == 0 ? ".\n" : ". ");
                wordsInSentence = 0;
            }
        }
        text.setLength(length);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] execute(byte[] input) {
        var reader = InputReader.of(ID, input);
        int level = reader.readInt("level", 0, 9);
        int offset = reader.position();
        int length = reader.remaining();
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(input, offset, length);
            deflater.finish();
            var compressed = new ByteArrayOutputStream(Math.max(64, length / 2));
            byte[] chunk = new byte[Math.min(64 * 1024, Math.max(64, length))];
            while (!deflater.finished()) {
                int written = deflater.deflate(chunk);
                compressed.write(chunk, 0, written);
            }
            return compressed.toByteArray();
        } finally {
            deflater.end(); // frees zlib's native memory now rather than at some later GC
        }
    }
}
