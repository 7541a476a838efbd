package org.offloadbench.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class WorkerMainTest {

    @Test
    void defaultsPropertiesAndArgumentsInThatOrder() {
        assertEquals(WorkerConfig.defaults(), WorkerMain.parseOptions(List.of(), new Properties()));
        Properties props = new Properties();
        props.setProperty("offloadbench.worker.concurrency", "3");
        props.setProperty("offloadbench.worker.maxPayloadBytes", "1000");
        WorkerConfig fromProps = WorkerMain.parseOptions(List.of(), props);
        assertEquals(3, fromProps.concurrency());
        assertEquals(1000, fromProps.limits().maxPayloadBytes());
        WorkerConfig fromArgs = WorkerMain.parseOptions(List.of("--concurrency=5", "--max-queued=7"), props);
        assertEquals(5, fromArgs.concurrency());
        assertEquals(7, fromArgs.maxQueuedRequests());
        assertEquals(1000, fromArgs.limits().maxPayloadBytes());
    }

    @Test
    void badOptionsSayWhatIsWrongAndWhatIsValid() {
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> WorkerMain.parseOptions(List.of("--threads=2"), new Properties())).getMessage();
        assertTrue(unknown.contains("--threads=2") && unknown.contains("--concurrency=N"), unknown);
        String noValue = assertThrows(IllegalArgumentException.class,
                () -> WorkerMain.parseOptions(List.of("--concurrency"), new Properties())).getMessage();
        assertTrue(noValue.contains("needs a value"), noValue);
        String range = assertThrows(IllegalArgumentException.class,
                () -> WorkerMain.parseOptions(List.of("--concurrency=0"), new Properties())).getMessage();
        assertTrue(range.contains("concurrency must be 1 .. 1024"), range);
        String inline = assertThrows(IllegalArgumentException.class,
                () -> WorkerMain.inlineOption(List.of("--inline=yes"))).getMessage();
        assertTrue(inline.contains("on or off") && inline.contains("yes"), inline);
        assertTrue(WorkerMain.inlineOption(List.of("--concurrency=1", "--inline=on")));
        assertFalse(WorkerMain.inlineOption(List.of("--concurrency=1")));
        assertEquals(List.of("--concurrency=1"), WorkerMain.withoutInline(List.of("--concurrency=1", "--inline=off")));
        Properties props = new Properties();
        props.setProperty("offloadbench.worker.maxPayloadBytes", "-1");
        assertThrows(IllegalArgumentException.class, () -> WorkerMain.parseOptions(List.of(), props));
    }
}
