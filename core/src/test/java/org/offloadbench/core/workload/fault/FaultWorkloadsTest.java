package org.offloadbench.core.workload.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.WorkloadException;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultWorkloadsTest {

    @Test
    void allSevenAreInTheCatalogueAsFault() {
        WorkloadCatalogue catalogue = WorkloadCatalogue.load();
        for (String id : FaultWorkload.ids()) {
            assertTrue(catalogue.contains(id), id + " missing from " + catalogue.ids());
            assertEquals(WorkloadClass.FAULT, catalogue.get(id).workloadClass(), id);
            assertFalse(catalogue.get(id).description().isBlank(), id);
        }
        assertEquals(7, FaultWorkload.ids().size());
    }

    @Test
    void inputCarriesTheParameterThenSeededFiller() {
        FaultSleep sleep = new FaultSleep();
        byte[] a = sleep.generateInput(InputSpec.of(5, 100).withOption("millis", "250"));
        byte[] b = sleep.generateInput(InputSpec.of(5, 100).withOption("millis", "250"));
        assertEquals(100, a.length);
        assertArrayEquals(a, b, "same spec, same bytes");
        assertEquals(250, ByteBuffer.wrap(a).getLong());
        assertEquals(100, ByteBuffer.wrap(sleep.generateInput(InputSpec.of(5, 0))).getLong(), "default millis");
        assertEquals(FaultWorkload.HEADER_BYTES, sleep.generateInput(InputSpec.of(5, 0)).length);
    }

    @Test
    void badOptionsNameTheProblemAndTheValidChoice() {
        FaultSleep sleep = new FaultSleep();
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> sleep.generateInput(InputSpec.of(1, 8).withOption("milis", "5")));
        assertTrue(unknown.getMessage().contains("milis") && unknown.getMessage().contains("millis"), unknown.getMessage());
        var notNumber = assertThrows(IllegalArgumentException.class,
                () -> sleep.generateInput(InputSpec.of(1, 8).withOption("millis", "soon")));
        assertTrue(notNumber.getMessage().contains("soon"), notNumber.getMessage());
        var range = assertThrows(IllegalArgumentException.class,
                () -> new FaultHalt().generateInput(InputSpec.of(1, 8).withOption("exitCode", "300")));
        assertTrue(range.getMessage().contains("0..255"), range.getMessage());
        var shortInput = assertThrows(WorkloadException.class, () -> sleep.execute(new byte[3]));
        assertTrue(shortInput.getMessage().contains("8-byte"), shortInput.getMessage());
    }

    @Test
    void throwUsesItsRecognisableMessage() {
        var e = assertThrows(WorkloadException.class, () -> new FaultThrow().execute(new FaultThrow().input(99)));
        assertEquals(FaultThrow.message(99), e.getMessage());
        assertTrue(e.getMessage().startsWith(FaultThrow.MESSAGE_PREFIX));
    }

    @Test
    void sleepEchoesAndStopsWhenInterrupted() throws Exception {
        FaultSleep sleep = new FaultSleep();
        byte[] input = sleep.input(1);
        assertArrayEquals(input, sleep.execute(input));

        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                sleep.execute(sleep.input(60_000));
            } catch (WorkloadException e) {
                thrown.set(e);
                assertTrue(Thread.currentThread().isInterrupted(), "interrupt flag must be restored");
            }
        });
        t.start();
        Thread.sleep(50);
        t.interrupt();
        t.join(10_000);
        assertFalse(t.isAlive(), "fault-sleep must stop when interrupted");
        assertTrue(thrown.get() != null && thrown.get().getMessage().contains("interrupted"), String.valueOf(thrown.get()));
    }

    @Test
    void spinAndHangIgnoreInterruption() throws Exception {
        FaultSpin spin = new FaultSpin();
        AtomicReference<byte[]> spun = new AtomicReference<>();
        byte[] spinInput = spin.input(200);
        Thread spinner = new Thread(() -> spun.set(spin.execute(spinInput)));
        spinner.start();
        spinner.interrupt();
        spinner.join(10_000);
        assertArrayEquals(spinInput, spun.get(), "fault-spin finishes its loop and echoes despite the interrupt");

        FaultHang hang = new FaultHang();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread hanger = new Thread(() -> {
            try {
                hang.execute(hang.input(300));
            } catch (WorkloadException e) {
                thrown.set(e);
            }
        });
        hanger.start();
        Thread.sleep(20);
        hanger.interrupt();
        Thread.sleep(50);
        assertTrue(hanger.isAlive(), "fault-hang must ignore the interrupt");
        hanger.join(10_000);
        assertTrue(thrown.get() != null && thrown.get().getMessage().contains("safety cap"), String.valueOf(thrown.get()));
        assertThrows(IllegalArgumentException.class,
                () -> hang.generateInput(InputSpec.of(1, 8).withOption("capMillis", "120001")),
                "the cap can never exceed 120 s");
    }

    @Test
    void printWritesToBothStreamsAndEchoes() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        FaultPrint print = new FaultPrint();
        byte[] input = print.input(2);
        byte[] output;
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            output = print.execute(input);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertArrayEquals(input, output);
        assertTrue(capturedOut.toString(StandardCharsets.UTF_8).contains(FaultPrint.LINE_PREFIX + "2 (stdout)"));
        assertTrue(capturedErr.toString(StandardCharsets.UTF_8).contains(FaultPrint.LINE_PREFIX + "2 (stderr)"));
    }
}
