package org.offloadbench.core.workload.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.WorkloadException;

class PasswordHashWorkloadTest {

    private final PasswordHashWorkload workload = new PasswordHashWorkload();

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 7914 section 11, the two PBKDF2-HMAC-SHA256 test vectors (64-byte keys). */
    @Test
    void rfc7914TestVectors() {
        assertArrayEquals(HexFormat.of().parseHex(
                "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
                workload.execute(PasswordHashWorkload.encode(1, 512, ascii("salt"), ascii("passwd"))));
        assertArrayEquals(HexFormat.of().parseHex(
                "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"),
                workload.execute(PasswordHashWorkload.encode(80_000, 512, ascii("NaCl"), ascii("Password"))));
    }

    @Test
    void generatedInputHoldsTheOptionsAndA16CharacterPassword() {
        byte[] input = workload.generateInput(InputSpec.of(7, 0).withOption("iterations", "3").withOption("keyBits", "128"));
        assertEquals(16 + 16 + 16, input.length);
        assertEquals(16, workload.execute(input).length);
        for (int i = 32; i < input.length; i++) {
            assertTrue(input[i] > ' ' && input[i] <= '~', "printable ASCII password");
        }
    }

    @Test
    void badOptions() {
        var notMultiple = assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.of(1, 0).withOption("keyBits", "100")));
        assertTrue(notMultiple.getMessage().contains("keyBits=100 is not a multiple of 8"), notMultiple.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.of(1, 0).withOption("rounds", "1")));
        assertTrue(unknown.getMessage().endsWith("valid options: iterations, keyBits"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.of(1, 0).withOption("iterations", "0")));
    }

    @Test
    void malformedInput() {
        byte[] valid = PasswordHashWorkload.encode(1, 256, ascii("salt"), ascii("pw"));
        assertThrows(WorkloadException.class, () -> workload.execute(java.util.Arrays.copyOf(valid, valid.length - 1)));
        assertThrows(WorkloadException.class, () -> workload.execute(java.util.Arrays.copyOf(valid, valid.length + 1)));
        var emptySalt = assertThrows(WorkloadException.class,
                () -> workload.execute(PasswordHashWorkload.encode(1, 256, new byte[0], ascii("pw"))));
        assertTrue(emptySalt.getMessage().contains("saltLength is 0"), emptySalt.getMessage());
        var notUtf8 = assertThrows(WorkloadException.class,
                () -> workload.execute(PasswordHashWorkload.encode(1, 256, ascii("salt"), new byte[] {(byte) 0xC3})));
        assertTrue(notUtf8.getMessage().contains("password is not valid UTF-8"), notUtf8.getMessage());
        assertThrows(WorkloadException.class,
                () -> workload.execute(PasswordHashWorkload.encode(1, 12, ascii("salt"), ascii("pw"))));
    }

    @Test
    void nonAsciiPasswordIsHashedAsItsUtf8Bytes() {
        // "pässword" in UTF-8; the JDK encodes the decoded chars back to exactly these bytes.
        byte[] utf8 = "p\u00e4ssword".getBytes(StandardCharsets.UTF_8);
        // Expected values from Python's hashlib.pbkdf2_hmac (OpenSSL), an independent implementation.
        assertArrayEquals(HexFormat.of().parseHex("d17aca247fbb1bebd27709bb4d77268d502ba27435af92a5bbf17f523626abce"),
                workload.execute(PasswordHashWorkload.encode(2, 256, ascii("salt"), utf8)));
    }

    @Test
    void emptyPasswordIsAllowed() {
        assertArrayEquals(HexFormat.of().parseHex("62384466264daadc4144018c6bd864648272b34da8980d31521ffcce92ae003b"),
                workload.execute(PasswordHashWorkload.encode(2, 256, ascii("salt"), new byte[0])));
    }
}
