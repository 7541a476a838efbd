package org.offloadbench.core.workload.builtin;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Random;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.WorkloadException;

/**
 * {@code password-hash}: PBKDF2-HMAC-SHA256 key derivation, the JDK's {@code PBKDF2WithHmacSHA256}: a
 * long chain of small HMAC computations, the typical "hash a password at login" cost.
 *
 * <p>Input (big-endian): {@code int iterations, int keyBits, int saltLength, salt bytes, int passwordLength,
 * password bytes (UTF-8)}. {@link #generateInput} takes the options {@code iterations} (default
 * {@value #DEFAULT_ITERATIONS}) and {@code keyBits} (default {@value #DEFAULT_KEY_BITS}, a multiple of 8) and
 * draws a 16-byte salt and a 16-character ASCII password from the seed; the payload size is ignored.
 * Output: the derived key, {@code keyBits / 8} bytes.
 */
public final class PasswordHashWorkload implements Workload {

    public static final String ID = "password-hash";
    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final int DEFAULT_ITERATIONS = 10_000;
    static final int DEFAULT_KEY_BITS = 256;
    /** Bounds keep one task under seconds: the cost is iterations x ceil(keyBits / 256) HMAC chains. */
    static final int MAX_ITERATIONS = 1_000_000;
    static final int MAX_KEY_BITS = 2048;
    static final int MAX_FIELD_BYTES = 1024;
    static final int SALT_BYTES = 16;
    static final int PASSWORD_CHARS = 16;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "PBKDF2-HMAC-SHA256 of a 16-character password (10000 iterations, 256-bit key)";
    }

    @Override
    public WorkloadClass workloadClass() {
        return WorkloadClass.HASHING;
    }

    /** The input's size is fixed by the salt and password lengths; the payload size does not change it. */
    @Override
    public int defaultPayloadBytes() {
        return 4 * Integer.BYTES + SALT_BYTES + PASSWORD_CHARS;
    }

    @Override
    public byte[] generateInput(InputSpec spec) {
        var options = WorkloadOptions.of(ID, spec, "iterations", "keyBits");
        int iterations = options.intOption("iterations", DEFAULT_ITERATIONS, 1, MAX_ITERATIONS);
        int keyBits = options.intOption("keyBits", DEFAULT_KEY_BITS, 8, MAX_KEY_BITS);
        if (keyBits % 8 != 0) {
            throw new IllegalArgumentException(ID + ": option keyBits=" + keyBits + " is not a multiple of 8");
        }
        Random random = SeededRandom.of(spec.seed());
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] password = new byte[PASSWORD_CHARS];
        for (int i = 0; i < password.length; i++) {
            password[i] = (byte) ('!' + random.nextInt('~' - '!' + 1)); // printable ASCII, no space
        }
        return encode(iterations, keyBits, salt, password);
    }

    /** Lays out an input; public so that callers and tests can hash a password of their choice. */
    public static byte[] encode(int iterations, int keyBits, byte[] salt, byte[] passwordUtf8) {
        return ByteBuffer.allocate(4 * Integer.BYTES + salt.length + passwordUtf8.length)
                .putInt(iterations).putInt(keyBits)
                .putInt(salt.length).put(salt)
                .putInt(passwordUtf8.length).put(passwordUtf8)
                .array();
    }

    @Override
    public byte[] execute(byte[] input) {
        var reader = InputReader.of(ID, input);
        int iterations = reader.readInt("iterations", 1, MAX_ITERATIONS);
        int keyBits = reader.readInt("keyBits", 8, MAX_KEY_BITS);
        if (keyBits % 8 != 0) {
            throw reader.fail("keyBits is " + keyBits + ", not a multiple of 8");
        }
        byte[] salt = reader.readBytes("salt", reader.readInt("saltLength", 1, MAX_FIELD_BYTES));
        byte[] password = reader.readBytes("password", reader.readInt("passwordLength", 0, MAX_FIELD_BYTES));
        reader.expectEnd();
        char[] passwordChars = decodeUtf8(password, reader);
        PBEKeySpec keySpec = new PBEKeySpec(passwordChars, salt, iterations, keyBits);
        try {
            // getInstance per call: SecretKeyFactory is not thread-safe, and the lookup costs microseconds
            // against the milliseconds of the derivation.
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(keySpec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new WorkloadException(ID + ": " + ALGORITHM + " failed: " + e.getMessage(), e);
        } finally {
            keySpec.clearPassword();
        }
    }

    // The JDK's PBKDF2 takes the password as chars and encodes them as UTF-8, so decoding strictly here means
    // the HMAC key is exactly the input's bytes, and bytes that are not UTF-8 are refused rather than altered.
    private static char[] decodeUtf8(byte[] password, InputReader reader) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(password));
            char[] result = new char[chars.remaining()];
            chars.get(result);
            return result;
        } catch (CharacterCodingException e) {
            throw reader.fail("password is not valid UTF-8 (" + e + ")", e);
        }
    }
}
